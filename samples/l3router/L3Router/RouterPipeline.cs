using FastPath.Engine;
using FastPath.Lcores;
using FastPath.Ports;

namespace L3Router;

/// <summary>What the router runs with: the parsed command line and the compiled route table.</summary>
/// <param name="Arguments">The command line.</param>
/// <param name="Routes">The route table; every next hop's port is below the number of ports.</param>
public sealed record RouterConfiguration(RouterArguments Arguments, RouteTable Routes);

/// <summary>
/// The router's lcore pipeline: ONE LANE (lcore) PER QUEUE PAIR. Lane q polls RX queue q of every port and sends
/// each forwarded frame out of TX queue q of its output port, so lanes share no queue, no batch and no counter.
/// </summary>
public sealed class RouterPipeline(RouterConfiguration configuration) : ILcorePipeline
{
    private readonly Lock _lock = new();
    private readonly List<RouterCounters> _counters = [];

    /// <summary>The configuration the lanes are built from.</summary>
    public RouterConfiguration Configuration { get; } = configuration;

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyList<IPollingTask>> CreateLanes(FastPathEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        IReadOnlyList<IPort> ports = engine.Ports;
        var macs = new ulong[ports.Count];
        for (int p = 0; p < ports.Count; p++)
        {
            if (ports[p].Id != p)
                throw new InvalidOperationException($"Port {ports[p].Name} has id {ports[p].Id} at position {p}; the router needs ids in --port order.");
            macs[p] = ports[p].MacAddress.Value;
        }

        var forwarder = new Ipv4Forwarder(Configuration.Routes, macs);
        int queues = engine.Ports.Min(p => Math.Min(p.RxQueueCount, p.TxQueueCount));
        var lanes = new IReadOnlyList<IPollingTask>[queues];
        for (int q = 0; q < queues; q++)
        {
            var counters = new RouterCounters(ports.Count);
            lock (_lock)
                _counters.Add(counters);
            lanes[q] = [new RouterLane(q, ports, forwarder, counters, engine.Batches)];
        }

        return lanes;
    }

    /// <summary>
    /// The sum of every lane's counters since the process started. Read it once the engine has stopped (the lanes'
    /// counters are plain fields written by their lcores).
    /// </summary>
    public RouterCounters Total()
    {
        var total = new RouterCounters(Configuration.Arguments.Ports.Count);
        lock (_lock)
        {
            foreach (RouterCounters lane in _counters)
                total.Add(lane);
        }

        return total;
    }
}
