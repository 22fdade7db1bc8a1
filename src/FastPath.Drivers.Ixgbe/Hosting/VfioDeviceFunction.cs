using FastPath.Drivers.Intel.Registers;
using FastPath.Mempool.Memory;
using FastPath.Vfio.Devices;
using FastPath.Vfio.Dma;
using FastPath.Vfio.Events;
using FastPath.Vfio.Pci;

namespace FastPath.Drivers.Ixgbe.Hosting;

/// <summary>A real 82599 function bound to vfio-pci: BAR0 registers, the container's Type1 mapper, MSI-X through eventfds.</summary>
public sealed unsafe class VfioDeviceFunction : IDeviceFunction
{
    private readonly VfioPciDevice _device;
    private readonly VfioDmaMapper _mapper;

    /// <summary>Opens the function at <paramref name="address"/> (e.g. "0000:03:00.0") in its own VFIO container.</summary>
    public VfioDeviceFunction(PciAddress address)
    {
        _device = VfioPciDevice.Open(address);
        try
        {
            _mapper = new VfioDmaMapper(_device.Container);
            InterruptVectorCount = (int)_device.Device.GetIrqInfo(VfioPciIrq.Msix).Count;
        }
        catch
        {
            _device.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string Name => _device.Address.ToString();

    /// <inheritdoc />
    public IDmaMapper DmaMapper => _mapper;

    /// <inheritdoc />
    public int InterruptVectorCount { get; }

    /// <inheritdoc />
    /// <remarks>Only pools made with <see cref="DmaMapper"/> are reachable: the container maps at allocated IOVAs.</remarks>
    public void AdmitPool(FastPath.Mempool.Pools.Mempool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (!ReferenceEquals(pool.Region.Mapper, _mapper))
        {
            throw new ArgumentException($"Mempool '{pool.Name}' was mapped by '{pool.Region.Mapper.Name}', but {Name} reaches memory through '{_mapper.Name}'. Create the pool with the port's DMA mapper.", nameof(pool));
        }
    }

    /// <summary>BAR0 as driver register access.</summary>
    public MmioRegisters Registers
    {
        get
        {
            FastPath.Vfio.Mmio.MmioRegisters bar = _device.GetBar(0);
            return new MmioRegisters(bar.Address, bar.Length);
        }
    }

    /// <inheritdoc />
    public void EnableBusMastering() => _device.EnableBusMastering();

    /// <inheritdoc />
    public void DisableBusMastering() => _device.DisableBusMastering();

    /// <inheritdoc />
    public void BindInterrupts(ReadOnlySpan<EventFd?> signals) => _device.Device.SetIrqEventFds(VfioPciIrq.Msix, 0, signals);

    /// <inheritdoc />
    public void UnbindInterrupts() => _device.Device.DisableIrqs(VfioPciIrq.Msix);

    /// <summary>Disables bus mastering and closes the device; DMA mappings of pools made with <see cref="DmaMapper"/> must be gone.</summary>
    public void Dispose()
    {
        _device.Dispose();
        _mapper.Dispose();
    }
}
