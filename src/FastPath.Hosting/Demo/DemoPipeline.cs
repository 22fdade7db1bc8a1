using FastPath.Ports.Registry;
using FastPath.Pools;
using FastPath.Hosting.Statistics;
using FastPath.Hosting.Cli;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using FastPath.Ports.Virtual.Ring;
using FastPath.Traffic.Forwarding;
using FastPath.Traffic.Generator;
using FastPath.Lcores;
using FastPath.Traffic.Receiver;
using Microsoft.Extensions.Logging;

namespace FastPath.Hosting.Demo;

/// <summary>
/// The embedded default: pktgen → ring → l2fwd → ring → receiver in one process, no NIC and no root needed; with
/// <see cref="DemoSettings.Ports"/> the links are other ports, such as cabled <c>sim:ixgbe</c> pairs. The
/// generator stops first and the pipeline drains before the workers stop, so every frame sent must arrive: the
/// result checks zero loss, every sequence number once, and every buffer returned.
/// </summary>
public static class DemoPipeline
{
    private static readonly TimeSpan DevicePortDrainTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs the pipeline.</summary>
    /// <exception cref="UsageException">The settings are out of range.</exception>
    public static DemoResult Run(DemoSettings settings, ILoggerFactory loggers, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        if (settings.Lcores.Count is < 1 or > 2)
        {
            throw new UsageException($"The demo runs on 1 or 2 lcores (generator+receiver on the first, l2fwd on the second); {settings.Lcores.Count} were given.");
        }

        ILogger logger = loggers.CreateLogger("demo");
        using PacketPool pool = MempoolFactory.Create("demo", settings.PoolSize, settings.Hugepages, logger);

        IReadOnlyList<IPort> ports = settings.Ports is null ? CreateRingPorts() : OpenPorts(settings.Ports, pool, loggers);
        (IPort forwardIn, IPort forwardOut, IPort generatorPort, IPort receiverPort) = (ports[0], ports[1], ports[2], ports[3]);
        string label = settings.Ports?.Label ?? "ring";
        try
        {
            foreach (IPort port in ports)
            {
                port.Start();
            }

            var generator = new TrafficGenerator(pool, generatorPort.GetTxQueue(0), generatorPort.MacAddress, new()
            {
                Sizes = settings.Sizes,
                Rate = Resolve(settings, generatorPort),
                Count = settings.Count,
                BurstSize = settings.BurstSize,
            });
            var counters = new ForwardingCounters(2);
            var forwarder = new L2Forwarder(
                [
                    new ForwardingRoute(0, forwardIn.GetRxQueue(0), 1, forwardOut.GetTxQueue(0), forwardOut.MacAddress),
                    new ForwardingRoute(1, forwardOut.GetRxQueue(0), 0, forwardIn.GetTxQueue(0), forwardIn.MacAddress),
                ],
                counters, settings.MacUpdating, settings.BurstSize, settings.TxDrain);
            var receiver = new TrafficReceiver(receiverPort.GetRxQueue(0), settings.BurstSize);

            IPollingTask[][] lanes = settings.Lcores.Count == 1 ? [[generator, forwarder, receiver]] : [[generator, receiver], [forwarder]];

            string generatorName = $"pktgen ({label} tx)";
            string receiverName = $"receiver ({label} rx)";
            var rows = new StatsSource(4, row =>
            {
                row[0] = new(generatorName, 0, 0, generator.Counters.Packets, generator.Counters.Bytes, 0);
                row[1] = new("l2fwd port 0", counters.RxPackets(0), counters.RxBytes(0), counters.TxPackets(0), counters.TxBytes(0), counters.Dropped(0));
                row[2] = new("l2fwd port 1", counters.RxPackets(1), counters.RxBytes(1), counters.TxPackets(1), counters.TxBytes(1), counters.Dropped(1));
                row[3] = new(receiverName, receiver.Packets, receiver.Bytes, 0, 0, 0);
            });

            var host = new CommonSettings
            {
                Ports = [],
                Lcores = settings.Lcores,
                Duration = settings.Duration,
                PinThreads = settings.PinThreads,
                StatsInterval = settings.StatsInterval,
            };
            TimeSpan elapsed = WorkerHost.Run(host, lanes, rows, settings.Output ?? TextWriter.Null, loggers, stopping,
                isDone: () => generator.IsFinished,
                stopSources: generator.RequestStop,
                isDrained: () => generator.IsFinished && receiver.Packets + counters.Dropped(0) + counters.Dropped(1) >= generator.Counters.Packets,
                // Ports with DMA engines of their own (sim:ixgbe's threads) may still hold frames in flight when the
                // generator stops; on a loaded machine those threads need more than the default second to deliver them.
                drainTimeout: settings.Ports is null ? null : DevicePortDrainTimeout,
                report: settings.Report);

            foreach (IPort port in ports)
            {
                port.Stop();
            }

            foreach (IPort port in ports)
            {
                port.Dispose();
            }

            (bool allReturned, IReadOnlyList<string> audit) = PoolAudit.Check([pool]);
            return new DemoResult
            {
                Elapsed = elapsed,
                Sent = generator.Counters.Packets,
                Built = generator.Built,
                Rows = rows.Read(),
                ForwarderDropped = counters.Dropped(0) + counters.Dropped(1),
                Received = ReceiverSummary.Combine([receiver]),
                AllBuffersReturned = allReturned,
                PoolAudit = audit,
            };
        }
        finally
        {
            foreach (IPort port in ports)
            {
                port.Dispose();
            }
        }
    }

    // The second link is larger than everything the first can hold plus a burst, so the forwarder never finds it full.
    private static RingPort[] CreateRingPorts()
    {
        (RingPort generatorPort, RingPort forwardIn) = RingPort.CreatePair(new RingPortOptions { RingSize = 1024 }, firstId: 2, secondId: 0);
        (RingPort forwardOut, RingPort receiverPort) = RingPort.CreatePair(new RingPortOptions { RingSize = 4096 }, firstId: 1, secondId: 3);
        return [forwardIn, forwardOut, generatorPort, receiverPort];
    }

    private static IPort[] OpenPorts(DemoPorts demoPorts, PacketPool pool, ILoggerFactory loggers)
    {
        PortSet opened = PortSet.Open(demoPorts.Factory, [demoPorts.ForwarderIn, demoPorts.ForwarderOut, demoPorts.Generator, demoPorts.Receiver], pool, queueCount: 1, loggers);
        return [.. opened.Ports];
    }

    private static Traffic.Rate.RateLimit Resolve(DemoSettings settings, IPort port)
    {
        try
        {
            return settings.Rate.Resolve(port.Link.SpeedMbps, settings.Sizes.Average);
        }
        catch (ArgumentException exception)
        {
            throw new UsageException($"--rate: {ErrorText.OneLine(exception)}", exception);
        }
    }
}
