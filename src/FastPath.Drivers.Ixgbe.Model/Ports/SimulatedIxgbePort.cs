using FastPath;
using FastPath.Net;
using FastPath.Ports;

namespace FastPath.Drivers.Ixgbe.Model.Ports;

/// <summary>
/// A <c>sim:ixgbe</c> port: the real 82599 driver over one end of a named <see cref="SimulatedLink"/>. The queues are
/// the driver's own, so the data path is exactly the hardware one; each model's DMA engine thread serves the driver's
/// doorbells asynchronously (a transmit tail write wakes it to carry frames into the peer's ring, a receive tail write
/// to drain the peer's held frames). Disposing stops the driver (and the engine) and frees this end of the link.
/// </summary>
public sealed class SimulatedIxgbePort : IPort
{
    private readonly IxgbePort<ModelRegisters> _port;
    private readonly SimulatedLink _link;
    private readonly int _end;
    private bool _disposed;

    internal SimulatedIxgbePort(IxgbePort<ModelRegisters> port, SimulatedLink link, int end)
    {
        _port = port;
        _link = link;
        _end = end;
    }

    /// <summary>The name of the link this port is an end of.</summary>
    public string LinkName => _link.Name;

    /// <summary>The simulated device this port drives: its model records DMA violations and frames sent.</summary>
    public SimulatedIxgbeDevice Device => _link.Ends[_end];

    /// <summary>The driven 82599 port.</summary>
    public IxgbePort<ModelRegisters> Driver => _port;

    /// <inheritdoc />
    public string Name => _port.Name;

    /// <inheritdoc />
    public ushort Id => _port.Id;

    /// <inheritdoc />
    public PortInfo Info => _port.Info with { Driver = "sim:ixgbe" };

    /// <inheritdoc />
    public void SetPromiscuous(bool enabled) => _port.SetPromiscuous(enabled);

    /// <inheritdoc />
    public void SetAllMulticast(bool enabled) => _port.SetAllMulticast(enabled);

    /// <inheritdoc />
    public void SetMacAddress(MacAddress address) => _port.SetMacAddress(address);

    /// <inheritdoc />
    public void SetVlanFilter(ushort vlanId, bool accept) => _port.SetVlanFilter(vlanId, accept);

    /// <inheritdoc />
    public PortConfiguration Configuration => _port.Configuration;

    /// <inheritdoc />
    public void Configure(PortConfiguration configuration) => _port.Configure(configuration);

    /// <inheritdoc />
    public void SetMtu(int mtu) => _port.SetMtu(mtu);

    /// <inheritdoc />
    public MacAddress MacAddress => _port.MacAddress;

    /// <inheritdoc />
    public int RxQueueCount => _port.RxQueueCount;

    /// <inheritdoc />
    public int TxQueueCount => _port.TxQueueCount;

    /// <inheritdoc />
    public LinkStatus Link => _port.Link;

    /// <inheritdoc />
    public IRxQueue GetRxQueue(int index) => _port.GetRxQueue(index);

    /// <inheritdoc />
    public ITxQueue GetTxQueue(int index) => _port.GetTxQueue(index);

    /// <summary>Starts the driver.</summary>
    /// <exception cref="UsageException">The other end of the link was never opened.</exception>
    public void Start()
    {
        if (!SimulatedLinkRegistry.IsPeerAttached(_link, _end))
        {
            throw new UsageException($"Port '{Name}': sim:ixgbe link '{_link.Name}' has only this end open; a link joins exactly two ports, so open a second port with link={_link.Name}.");
        }

        _port.Start();
    }

    /// <inheritdoc />
    public void Stop() => _port.Stop();

    /// <inheritdoc />
    public PortCounters ReadStatistics(Span<QueueStatistics> queues) => _port.ReadStatistics(queues);

    /// <inheritdoc />
    public IReadOnlyList<ExtendedStatistic> GetExtendedStatistics() => _port.GetExtendedStatistics();

    /// <inheritdoc />
    public void ResetStatistics() => _port.ResetStatistics();

    /// <summary>Stops and closes the driver (every buffer back in its pool), then frees this end of the link.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _port.Dispose();
        }
        finally
        {
            SimulatedLinkRegistry.Detach(_link, _end);
        }
    }
}
