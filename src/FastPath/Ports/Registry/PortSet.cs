using FastPath.Ports.Registry;
using FastPath.Ports;
using Microsoft.Extensions.Logging;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Registry;

/// <summary>
/// The ports an application opened from its <c>--port</c> specs, with ids in command-line order. Disposing stops and
/// closes them all, which returns the buffers they held to their pools.
/// </summary>
public sealed class PortSet : IDisposable
{
    private readonly List<IPort> _ports = [];

    private PortSet()
    {
    }

    /// <summary>The ports, indexed by port id.</summary>
    public IReadOnlyList<IPort> Ports => _ports;

    /// <summary>
    /// Parses every spec first (so a typo in the last one fails before anything opens), then opens each port with
    /// <paramref name="queueCount"/> queue pairs and checks it has the receive and transmit queues the application uses.
    /// </summary>
    /// <exception cref="UsageException">A spec is wrong or names something absent, or a port has too few queues.</exception>
    public static PortSet Open(PortRegistry registry, IReadOnlyList<string> specs, PacketPool pool, int queueCount, ILoggerFactory loggers, bool usesRx = true, bool usesTx = true)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(specs);
        PortSpec[] parsed = [.. specs.Select(registry.Parse)];
        var opened = new PortSet();
        try
        {
            for (int id = 0; id < parsed.Length; id++)
            {
                IPort port = registry.Open(parsed[id], new PortOpenContext { PortId = id, Pool = pool, QueueCount = queueCount, LoggerFactory = loggers });
                opened._ports.Add(port);
                if ((usesRx && port.RxQueueCount < queueCount) || (usesTx && port.TxQueueCount < queueCount))
                {
                    throw new UsageException($"Port {id} ('{parsed[id].Text}') has {port.RxQueueCount} RX / {port.TxQueueCount} TX queues but {queueCount} are needed (one per lcore); give fewer lcores or a port with more queues.");
                }
            }
        }
        catch
        {
            opened.Dispose();
            throw;
        }

        return opened;
    }

    /// <summary>Starts every port.</summary>
    public void StartAll()
    {
        foreach (IPort port in _ports)
        {
            port.Start();
        }
    }

    /// <summary>Stops every port.</summary>
    public void StopAll()
    {
        foreach (IPort port in _ports)
        {
            port.Stop();
        }
    }

    /// <summary>Stops and closes every port.</summary>
    public void Dispose()
    {
        StopAll();
        foreach (IPort port in _ports)
        {
            port.Dispose();
        }

        _ports.Clear();
    }
}
