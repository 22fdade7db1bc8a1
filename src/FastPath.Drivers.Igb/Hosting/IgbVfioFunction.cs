using FastPath.Drivers.Intel.Registers;
using FastPath.Vfio.Containers;
using FastPath.Vfio.Devices;
using FastPath.Vfio.Dma;
using FastPath.Vfio.Events;
using FastPath.Vfio.Pci;

namespace FastPath.Drivers.Igb.Hosting;

/// <summary>
/// An 82576 function bound to vfio-pci: BAR0 as registers, a Type1 DMA mapper, bus mastering and MSI-X vectors bound
/// to eventfds through <c>VFIO_DEVICE_SET_IRQS</c>. Several functions in one container share one mapper, so that a
/// buffer received on one port can be sent on another. The mapper outlives the functions: whoever creates pools with it
/// disposes it after them (disposing a function leaves the mapper alone).
/// </summary>
public sealed class IgbVfioFunction : IDisposable
{
    private readonly VfioPciDevice _device;

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

    /// <summary>The function's PCI address.</summary>
    public PciAddress Address => _device.Address;

    /// <summary>The vendor and device ids read from sysfs.</summary>
    public string Ids => _device.Identity.Ids;

    /// <summary>The mapper whose IOVAs the device uses; mempools for the port must be created with it.</summary>
    public VfioDmaMapper DmaMapper { get; }

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

    /// <summary>Sets memory decoding and bus mastering: the device may DMA.</summary>
    public void EnableBusMastering() => _device.EnableBusMastering();

    /// <summary>Clears bus mastering: the device can no longer DMA.</summary>
    public void DisableBusMastering() => _device.DisableBusMastering();

    /// <summary>Makes MSI-X vector i signal <c>signals[i]</c>; a null entry leaves the vector unbound.</summary>
    public void BindInterrupts(ReadOnlySpan<EventFd?> signals) => _device.Device.SetIrqEventFds(VfioPciIrq.Msix, 0, signals);

    /// <summary>Detaches every MSI-X vector from its eventfd.</summary>
    public void UnbindInterrupts() => _device.Device.DisableIrqs(VfioPciIrq.Msix);

    /// <summary>Disables bus mastering and closes the device (vfio-pci resets it on release); the mapper stays.</summary>
    public void Dispose() => _device.Dispose();
}
