using FastPath.Drivers.Intel.Registers;
using FastPath.Mempool.Memory;
using FastPath.Vfio.Containers;
using FastPath.Vfio.Devices;
using FastPath.Vfio.Dma;
using FastPath.Vfio.Events;
using FastPath.Vfio.Pci;

namespace FastPath.Drivers.Igb.Hosting;

/// <summary>
/// An 82576 function bound to vfio-pci: BAR0 as registers, a Type1 DMA mapper, bus mastering and MSI-X vectors bound
/// to eventfds through <c>VFIO_DEVICE_SET_IRQS</c>. Two ways to reach memory: functions opened with the constructor
/// share the process's container and one <see cref="VfioDmaMapper"/> (which outlives them: whoever creates pools with
/// it disposes it after them), so a buffer received on one port can be sent on another; a function opened with
/// <see cref="OpenIovaAsVa"/> has a container of its own and maps at IOVA = virtual address, so that any pool made
/// with <see cref="IdentityDmaMapper"/> (as the applications make theirs) is mirrored in and used as it is.
/// </summary>
public sealed class IgbVfioFunction : IDisposable
{
    private readonly VfioPciDevice _device;
    private readonly VfioIovaAsVaMapper? _iovaAsVa;
    private readonly VfioContainer? _ownContainer;

    /// <summary>Opens the function at <paramref name="address"/>.</summary>
    /// <param name="address">The PCI address, bound to vfio-pci.</param>
    /// <param name="sharedMapper">
    /// The mapper of another function opened in the process's shared container (<see cref="VfioContainer.Shared"/>),
    /// or null to create one; either way the caller disposes it, after the pools mapped with it.
    /// </param>
    public IgbVfioFunction(PciAddress address, VfioDmaMapper? sharedMapper = null)
    {
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

    private IgbVfioFunction(VfioPciDevice device, VfioContainer container)
    {
        _device = device;
        _ownContainer = container;
        _iovaAsVa = new VfioIovaAsVaMapper(container);
        DmaMapper = _iovaAsVa;
        InterruptVectorCount = (int)device.Device.GetIrqInfo(VfioPciIrq.Msix).Count;
    }

    /// <summary>
    /// Opens the function at <paramref name="address"/> in a container of its own, mapping at IOVA = virtual address
    /// (see <see cref="VfioIovaAsVaMapper"/>); the function owns container and mapper.
    /// </summary>
    public static IgbVfioFunction OpenIovaAsVa(PciAddress address)
    {
        VfioContainer container = VfioContainer.Open();
        VfioPciDevice? device = null;
        try
        {
            device = VfioPciDevice.Open(address, container);
            return new IgbVfioFunction(device, container);
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

    /// <summary>The mapper whose IOVAs the device uses for the port's rings and for pools created with it.</summary>
    public IDmaMapper DmaMapper { get; }

    /// <summary>Number of MSI-X vectors the function offers.</summary>
    public int InterruptVectorCount { get; }

    /// <summary>BAR0 as driver register access.</summary>
    public unsafe MmioRegisters Registers
    {
        get
        {
            FastPath.Vfio.Mmio.MmioRegisters bar = _device.GetBar(0);
            return new MmioRegisters(bar.Address, bar.Length);
        }
    }

    /// <summary>
    /// Makes sure the device reaches <paramref name="pool"/>'s buffers: a pool made with <see cref="DmaMapper"/> is
    /// reachable already; an IOVA-as-VA function mirrors a pool made with <see cref="IdentityDmaMapper"/> into its
    /// container.
    /// </summary>
    /// <exception cref="ArgumentException">The pool's IOVAs mean nothing to this device.</exception>
    public void AdmitPool(FastPath.Mempool.Pools.Mempool pool)
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

    /// <summary>Sets memory decoding and bus mastering: the device may DMA.</summary>
    public void EnableBusMastering() => _device.EnableBusMastering();

    /// <summary>Clears bus mastering: the device can no longer DMA.</summary>
    public void DisableBusMastering() => _device.DisableBusMastering();

    /// <summary>Makes MSI-X vector i signal <c>signals[i]</c>; a null entry leaves the vector unbound.</summary>
    public void BindInterrupts(ReadOnlySpan<EventFd?> signals) => _device.Device.SetIrqEventFds(VfioPciIrq.Msix, 0, signals);

    /// <summary>Detaches every MSI-X vector from its eventfd.</summary>
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
