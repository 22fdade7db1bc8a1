using FastPath.Drivers.Ixgbe.Hosting;
using FastPath.Mempool.Memory;
using FastPath.Vfio.Events;

namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>The PCI side of a simulated 82599: bus mastering, the simulated IOMMU, and MSI-X messages delivered to eventfds.</summary>
public sealed class ModelDeviceFunction : IDeviceFunction
{
    private readonly Ixgbe82599Model _model;
    private EventFd?[] _signals = [];

    /// <summary>Wraps <paramref name="model"/>.</summary>
    public ModelDeviceFunction(string name, Ixgbe82599Model model)
    {
        Name = name;
        _model = model;
        model.InterruptRaised = Signal;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IDmaMapper DmaMapper => _model.Iommu;

    /// <inheritdoc />
    public int InterruptVectorCount => 64;

    /// <inheritdoc />
    public void EnableBusMastering() => _model.BusMasterEnabled = true;

    /// <inheritdoc />
    public void DisableBusMastering() => _model.BusMasterEnabled = false;

    /// <inheritdoc />
    public void BindInterrupts(ReadOnlySpan<EventFd?> signals) => Volatile.Write(ref _signals, signals.ToArray());

    /// <inheritdoc />
    public void UnbindInterrupts() => Volatile.Write(ref _signals, []);

    /// <summary>Unbinds the interrupts; the model stays for inspection.</summary>
    public void Dispose() => UnbindInterrupts();

    private void Signal(int vector)
    {
        EventFd?[] signals = Volatile.Read(ref _signals);
        if (vector < signals.Length)
        {
            signals[vector]?.Signal();
        }
    }
}
