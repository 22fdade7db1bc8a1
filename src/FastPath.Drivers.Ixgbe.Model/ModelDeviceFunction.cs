using FastPath.Drivers.Intel.Devices;
using FastPath.Linux.Events;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>
/// The PCI side of a simulated 82599: bus mastering, the simulated IOMMU (which also mirrors pools whose IOVA is their
/// virtual address, as the applications' are), and MSI-X messages delivered to eventfds. Opening the function starts
/// the model's DMA engine thread; closing it stops the thread.
/// </summary>
public sealed class ModelDeviceFunction : IDeviceFunction
{
    private readonly Ixgbe82599Model _model;
    private readonly List<DmaRegion> _mirrored = [];
    private EventFd?[] _signals = [];

    /// <summary>Wraps <paramref name="model"/> and starts its DMA engine.</summary>
    public ModelDeviceFunction(string name, Ixgbe82599Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Name = name;
        _model = model;
        model.InterruptRaised = Signal;
        model.StartEngine(name);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IDmaMapper DmaMapper => _model.Iommu;

    /// <inheritdoc />
    public int InterruptVectorCount => 64;

    /// <inheritdoc />
    public void AdmitPool(PacketPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (ReferenceEquals(pool.Region.Mapper, _model.Iommu))
        {
            return;
        }

        if (pool.Region.Mapper is not IdentityDmaMapper)
        {
            throw new ArgumentException($"Mempool '{pool.Name}' was mapped by '{pool.Region.Mapper.Name}', which {Name} cannot reach through '{_model.Iommu.Name}'. Create the pool with the device's IOMMU or with IdentityDmaMapper (mirrored in).", nameof(pool));
        }

        if (_model.Iommu.Mirror(pool.Region))
        {
            _mirrored.Add(pool.Region);
        }
    }

    /// <inheritdoc />
    public void EnableBusMastering() => _model.BusMasterEnabled = true;

    /// <inheritdoc />
    public void DisableBusMastering() => _model.BusMasterEnabled = false;

    /// <inheritdoc />
    public void BindInterrupts(ReadOnlySpan<EventFd?> signals) => Volatile.Write(ref _signals, signals.ToArray());

    /// <inheritdoc />
    public void UnbindInterrupts() => Volatile.Write(ref _signals, []);

    /// <summary>
    /// Stops the DMA engine thread, unbinds the interrupts and removes the pools it mirrored from the IOMMU; the
    /// model stays for inspection.
    /// </summary>
    public void Dispose()
    {
        _model.StopEngine();
        UnbindInterrupts();
        foreach (DmaRegion region in _mirrored)
        {
            _model.Iommu.Unmirror(region);
        }

        _mirrored.Clear();
    }

    private void Signal(int vector)
    {
        EventFd?[] signals = Volatile.Read(ref _signals);
        if (vector < signals.Length)
        {
            signals[vector]?.Signal();
        }
    }
}
