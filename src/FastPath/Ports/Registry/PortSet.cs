using FastPath.Lcores;
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
    /// <param name="registry">The port kinds.</param>
    /// <param name="specs">The specs, in port-id order.</param>
    /// <param name="pool">The pool receive buffers come from.</param>
    /// <param name="queueCount">The queue pairs each port needs.</param>
    /// <param name="loggers">Where drivers log.</param>
    /// <param name="usesRx">Whether the application receives on the ports.</param>
    /// <param name="usesTx">Whether the application transmits on them.</param>
    /// <param name="idle">
    /// The lcores' idle policy. In interrupt mode the drivers set up their wake sources (a NIC's MSI-X vectors), and
    /// a port the application receives on that has none is refused, naming it.
    /// </param>
    /// <exception cref="UsageException">A spec is wrong or names something absent, a port has too few queues, or no wake source for interrupt idle mode.</exception>
    public static PortSet Open(PortRegistry registry, IReadOnlyList<string> specs, PacketPool pool, int queueCount, ILoggerFactory loggers, bool usesRx = true, bool usesTx = true, IdlePolicy? idle = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(specs);
        PortSpec[] parsed = [.. specs.Select(registry.Parse)];
        var opened = new PortSet();
        try
        {
            for (int id = 0; id < parsed.Length; id++)
            {
                IPort port = registry.Open(parsed[id], new PortOpenContext { PortId = id, Pool = pool, QueueCount = queueCount, LoggerFactory = loggers, Idle = idle ?? IdlePolicy.Poll });
                opened._ports.Add(port);
                if ((usesRx && port.RxQueueCount < queueCount) || (usesTx && port.TxQueueCount < queueCount))
                {
                    throw new UsageException($"Port {id} ('{parsed[id].Text}') has {port.RxQueueCount} RX / {port.TxQueueCount} TX queues but {queueCount} are needed (one per lcore); give fewer lcores or a port with more queues.");
                }

                if (usesRx && idle is { Mode: IdleMode.Interrupt } && !port.Info.Capabilities.HasFlag(PortCapabilities.WakeSource))
                {
                    throw new UsageException($"Port {id} ('{parsed[id].Text}') has no wake source, so an lcore cannot sleep on it with --idle interrupt; use --idle poll, or a port kind that can wake a sleeping lcore (ring, af_packet, af_xdp, pci, sim, pcap with :timed).");
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
