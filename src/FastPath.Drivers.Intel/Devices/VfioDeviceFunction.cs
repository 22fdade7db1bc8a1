using System.Runtime.InteropServices;
using FastPath.Linux.Events;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Memory;
using FastPath.Vfio.Containers;
using FastPath.Vfio.Devices;
using FastPath.Vfio.Dma;
using FastPath.Vfio.Pci;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Intel.Devices;

/// <summary>
/// A real 82599 or 82576 function bound to vfio-pci: BAR0 as registers, a Type1 DMA mapper, bus mastering and MSI-X
/// vectors bound to eventfds through <c>VFIO_DEVICE_SET_IRQS</c>. Two ways to reach memory: functions opened with the
/// constructor share the process's container and one <see cref="VfioDmaMapper"/> (which outlives them: whoever
/// creates pools with it disposes it after them), so a buffer received on one port can be sent on another; a function
/// opened with <see cref="OpenIovaAsVa"/> has a container of its own and maps at IOVA = virtual address, so that any
/// pool made with <see cref="IdentityDmaMapper"/> (as the applications make theirs) is mirrored in and used as it is.
/// </summary>
public sealed class VfioDeviceFunction : IDeviceFunction
{
    private readonly VfioPciDevice _device;
    private readonly VfioIovaAsVaMapper? _iovaAsVa;
    private readonly VfioContainer? _ownContainer;

    /// <summary>Opens the function at <paramref name="address"/> in the process's shared container.</summary>
    /// <param name="address">The PCI address, bound to vfio-pci.</param>
    /// <param name="sharedMapper">
    /// The mapper of another function opened in the process's shared container (<see cref="VfioContainer.Shared"/>),
    /// or null to create one; either way the caller disposes it, after the pools mapped with it.
    /// </param>
    /// <exception cref="PlatformNotSupportedException">The process is not x86-64 (<see cref="DmaOrdering"/>).</exception>
    public VfioDeviceFunction(PciAddress address, VfioDmaMapper? sharedMapper = null)
    {
        DmaOrdering.ThrowIfUnsupported(RuntimeInformation.ProcessArchitecture);
        _device = VfioPciDevice.Open(address, VfioContainer.Shared);
        try
        {
            DmaMapper = sharedMapper ?? new VfioDmaMapper(_device.Container);
            InterruptVectorCount = (int)_device.Device.GetIrqInfo(VfioPciIrq.Msix).Count;
        }
        catch
        {
            _device.Dispose();
            throw;
        }
    }

    private VfioDeviceFunction(VfioPciDevice device, VfioContainer container)
    {
        _device = device;
        _ownContainer = container;
        _iovaAsVa = new VfioIovaAsVaMapper(container);
        DmaMapper = _iovaAsVa;
        InterruptVectorCount = (int)device.Device.GetIrqInfo(VfioPciIrq.Msix).Count;
    }

    /// <summary>
    /// Opens the function at <paramref name="address"/> in a container of its own, mapping at IOVA = virtual address
    /// (see <see cref="VfioIovaAsVaMapper"/>); the function owns container and mapper. This is how the <c>pci:</c>
    /// ports of the applications open a device: their pool, made with <see cref="IdentityDmaMapper"/>, is admitted
    /// as it is. Needs an IOMMU that covers user addresses (48-bit).
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">The process is not x86-64 (<see cref="DmaOrdering"/>).</exception>
    public static VfioDeviceFunction OpenIovaAsVa(PciAddress address)
    {
        DmaOrdering.ThrowIfUnsupported(RuntimeInformation.ProcessArchitecture);
        VfioContainer container = VfioContainer.Open();
        VfioPciDevice? device = null;
        try
        {
            device = VfioPciDevice.Open(address, container);
            return new VfioDeviceFunction(device, container);
        }
        catch
        {
            device?.Dispose();
            container.Dispose();
            throw;
        }
    }

    /// <summary>The function's PCI address.</summary>
    public PciAddress Address => _device.Address;

    /// <inheritdoc />
    public string Name => _device.Address.ToString();

    /// <inheritdoc />
    public IDmaMapper DmaMapper { get; }

    /// <inheritdoc />
    public int InterruptVectorCount { get; }

    /// <summary>BAR0 as driver register access.</summary>
    public MmioRegisters Registers => _device.GetBar(0);

    /// <inheritdoc />
    /// <remarks>
    /// A pool made with <see cref="DmaMapper"/> is reachable already; an IOVA-as-VA function mirrors a pool made with
    /// <see cref="IdentityDmaMapper"/> into its container; any other pool is refused.
    /// </remarks>
    public void AdmitPool(PacketPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (ReferenceEquals(pool.Region.Mapper, DmaMapper))
        {
            return;
        }

        if (_iovaAsVa is not null && pool.Region.Mapper is IdentityDmaMapper)
        {
            _iovaAsVa.Mirror(pool.Region);
            return;
        }

        throw new ArgumentException($"Mempool '{pool.Name}' was mapped by '{pool.Region.Mapper.Name}', which {Address} cannot reach through '{DmaMapper.Name}'. Create the pool with the port's DMA mapper.", nameof(pool));
    }

    /// <inheritdoc />
    public void EnableBusMastering() => _device.EnableBusMastering();

    /// <inheritdoc />
    public void DisableBusMastering() => _device.DisableBusMastering();

    /// <inheritdoc />
    public void BindInterrupts(ReadOnlySpan<EventFd?> signals) => _device.Device.SetIrqEventFds(VfioPciIrq.Msix, 0, signals);

    /// <inheritdoc />
    public void UnbindInterrupts() => _device.Device.DisableIrqs(VfioPciIrq.Msix);

    /// <summary>
    /// Disables bus mastering and closes the device (vfio-pci resets it on release). A shared mapper stays; an
    /// IOVA-as-VA function unmaps its mappings while the device is still attached, then closes its container.
    /// </summary>
    public void Dispose()
    {
        _device.DisableBusMastering();
        _iovaAsVa?.Dispose();
        _device.Dispose();
        _ownContainer?.Dispose();
    }
}
