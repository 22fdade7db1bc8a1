using FastPath.Linux.Interop;
using FastPath.Linux.Mmio;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Mmio;

/// <summary>Owns an mmap of a device region (a BAR) and unmaps it on <see cref="Dispose"/>.</summary>
public sealed unsafe class MmioRegion : IDisposable
{
    private nint _address;

    internal MmioRegion(nint address, nuint length, string description)
    {
        _address = address;
        Length = length;
        Description = description;
    }

    /// <summary>The mapped length in bytes.</summary>
    public nuint Length { get; }

    /// <summary>What is mapped, e.g. "0000:04:00.0 BAR0", for messages.</summary>
    public string Description { get; }

    /// <summary>The registers, for volatile access. Valid until the region is disposed.</summary>
    public MmioRegisters Registers
    {
        get
        {
            nint address = Volatile.Read(ref _address);
            ObjectDisposedException.ThrowIf(address == 0, this);
            return new MmioRegisters((byte*)address, Length);
        }
    }

    /// <summary>Unmaps the registers. Stop the device from using them first.</summary>
    public void Dispose()
    {
        nint address = Interlocked.Exchange(ref _address, 0);
        if (address != 0)
        {
            LibC.munmap(address, Length);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Description} ({Length} bytes)";
}
