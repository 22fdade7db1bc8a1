using System.Buffers.Binary;
using FastPath.Vfio.Devices;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Pci;

/// <summary>
/// PCI configuration space of a VFIO device, read and written through the device's config region. vfio-pci
/// virtualizes parts of it (BARs, MSI/MSI-X capabilities) and passes the command register through.
/// </summary>
public sealed class PciConfigSpace
{
    private readonly VfioDevice _device;
    private readonly VfioRegionInfo _region;

    /// <summary>Wraps the config region of <paramref name="device"/>.</summary>
    public PciConfigSpace(VfioDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _region = device.GetRegionInfo(VfioPciRegion.Config);
    }

    /// <summary>The config space size: 256 bytes, or 4 KiB for PCI Express devices.</summary>
    public ulong Size => _region.Size;

    /// <summary>The vendor id (offset 0x00).</summary>
    public ushort VendorId => Read16(PciRegisters.VendorId);

    /// <summary>The device id (offset 0x02).</summary>
    public ushort DeviceId => Read16(PciRegisters.DeviceId);

    /// <summary>The command register (offset 0x04).</summary>
    public PciCommand Command
    {
        get => (PciCommand)Read16(PciRegisters.Command);
        set => Write16(PciRegisters.Command, (ushort)value);
    }

    /// <summary>Reads the byte at <paramref name="offset"/>.</summary>
    public byte Read8(int offset)
    {
        Span<byte> value = stackalloc byte[1];
        _device.ReadRegion(_region, (ulong)offset, value);
        return value[0];
    }

    /// <summary>Reads the little-endian 16-bit value at <paramref name="offset"/>.</summary>
    public ushort Read16(int offset)
    {
        Span<byte> value = stackalloc byte[2];
        _device.ReadRegion(_region, (ulong)offset, value);
        return BinaryPrimitives.ReadUInt16LittleEndian(value);
    }

    /// <summary>Reads the little-endian 32-bit value at <paramref name="offset"/>.</summary>
    public uint Read32(int offset)
    {
        Span<byte> value = stackalloc byte[4];
        _device.ReadRegion(_region, (ulong)offset, value);
        return BinaryPrimitives.ReadUInt32LittleEndian(value);
    }

    /// <summary>Writes the byte at <paramref name="offset"/>.</summary>
    public void Write8(int offset, byte value) => _device.WriteRegion(_region, (ulong)offset, [value]);

    /// <summary>Writes the little-endian 16-bit value at <paramref name="offset"/>.</summary>
    public void Write16(int offset, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        _device.WriteRegion(_region, (ulong)offset, bytes);
    }

    /// <summary>Writes the little-endian 32-bit value at <paramref name="offset"/>.</summary>
    public void Write32(int offset, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        _device.WriteRegion(_region, (ulong)offset, bytes);
    }

    /// <summary>Sets memory space decoding and bus mastering: the device can then be programmed and do DMA.</summary>
    /// <returns>The command register after the change.</returns>
    public PciCommand EnableMemoryAndBusMastering()
    {
        Command |= PciCommand.MemorySpace | PciCommand.BusMaster;
        return Command;
    }

    /// <summary>Clears bus mastering: the device can no longer issue DMA. Do this before unmapping its memory.</summary>
    public void DisableBusMastering() => Command &= ~PciCommand.BusMaster;
}
