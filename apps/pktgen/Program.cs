using System.CommandLine;
using FastPath.Ports.Virtual;
using FastPath.Drivers.Igb;
using FastPath.Drivers.Ixgbe;
using FastPath.Drivers.Ixgbe.Model.Ports;
using FastPath;
using FastPath.Hosting.Cli;
using FastPath.Hosting.Diagnostics;
using FastPath.Hosting.Output;
using FastPath.Hosting.Plots;
using FastPath.Hosting.Screen;
using FastPath.Pools;
using FastPath.Ports.Registry;
using FastPath.Hosting.Statistics;
using FastPath.Lcores;
using FastPath.Metrics;
using FastPath.Ports;
using FastPath.Traffic.Flows;
using FastPath.Traffic.Frames;
using FastPath.Traffic.Generator;
using FastPath.Traffic.Rate;
using FastPath.Traffic.Receiver;
using Microsoft.Extensions.Logging;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;

PortRegistry factory = VirtualPortDrivers.CreateRegistry();
IgbPortDrivers.RegisterWith(factory);
IxgbePortDrivers.RegisterWith(factory);
SimulatedIxgbePortDrivers.RegisterWith(factory);
var common = new CommonOptions();
var rate = new Option<string>("--rate", "-r") { Description = "Total rate over all TX queues: unlimited, 14.88mpps, 500kpps, 1000pps, 10gbit, 500mbit (wire bits: frame, FCS, preamble and gap), or 50% of line rate.", DefaultValueFactory = _ => "unlimited" };
var size = new Option<string>("--size", "-s") { Description = "Frame size on the wire, FCS included (64 to 1518, jumbo up to 9220 where the port's max frame allows; buffers hold 4 bytes less and the pool's buffers are sized to fit): a size (64), a range cycled through (64-1518), or imix (64/570/1518 at 7:4:1). With --rx, the largest frame to expect.", DefaultValueFactory = _ => "64" };
var vlan = new Option<string?>("--vlan") { Description = "Tag every frame with an 802.1Q VLAN tag (TPID 0x8100): an id (100) or a range cycled through, one id per frame (100-163). The tag adds 4 bytes to --size." };
var vlanPriority = new Option<int>("--vlan-priority") { Description = "The 802.1Q priority code point (0 to 7) of the --vlan tags.", DefaultValueFactory = _ => 0 };
var count = new Option<ulong>("--count", "-n") { Description = "Frames to send in total (split over the TX queues), then stop; 0 for no limit." };
var srcMac = new Option<string?>("--src-mac") { Description = "Source MAC or range (02:00:00:00:00:01-02:00:00:00:00:10); default the port's own." };
var dstMac = new Option<string>("--dst-mac") { Description = "Destination MAC or range.", DefaultValueFactory = _ => "02:00:00:00:00:01" };
var srcIp = new Option<string>("--src-ip") { Description = "Source IPv4 or range (198.18.0.1-198.18.0.254).", DefaultValueFactory = _ => "198.18.0.1" };
var dstIp = new Option<string>("--dst-ip") { Description = "Destination IPv4 or range.", DefaultValueFactory = _ => "198.19.0.1" };
var srcPort = new Option<string>("--src-port") { Description = "UDP source port or range (1024-1279); ranges make RSS spread flows over RX queues.", DefaultValueFactory = _ => "1024" };
var dstPort = new Option<string>("--dst-port") { Description = "UDP destination port or range.", DefaultValueFactory = _ => "1024" };
var replay = new Option<string?>("--replay") { Description = "Replay the frames a source port receives (e.g. a pcap reader port spec) instead of generating; one lcore." };
var txChecksum = new Option<string?>("--tx-checksum") { Description = "Leave checksums to the NIC (TX checksum offload): ip, udp or ip,udp. Each frame then asks its port to compute the IPv4 header and/or UDP checksum and carries its header lengths; pktgen leaves those fields zero. The port must offer the offload (pci: igb/ixgbe, sim:ixgbe). Without it pktgen writes the IPv4 checksum and sends UDP with no checksum (zero)." };
var plot = new Option<string?>("--plot") { Description = "(--rx) At exit, draw the latency histogram and the receive rate of every second into this PNG (1200×500), with the fastpath-plot tool (apps/plot) found next to pktgen." };
var rx = new Option<bool>("--rx") { Description = "Receive instead: one receiver per lcore/RX queue checks sequence numbers (loss, reordering, duplicates) and latency of pktgen's probes." };

var root = new RootCommand($"""
    pktgen — FastPath packet generator. Sends Ethernet/IPv4/UDP frames on one port, one TX queue per lcore, each frame
    carrying an 18-byte FastPath probe after the UDP header (stream, sequence number, TX timestamp). Counts what the
    port accepted (handed) and what the port itself reports. With --rx it receives instead and measures loss,
    reordering, duplicates and latency (min/avg/p50/p99/p99.9/max); with --rx --idle interrupt[:after=DURATION] a
    receiver that has seen nothing for DURATION (200us by default) sleeps until the next frame and prints its sleeps,
    wake-ups, time asleep and wake latency. On a terminal the statistics are one screen redrawn in place (q quits). Stops at --count, --duration, Ctrl+C or SIGTERM. Bad arguments exit 2.

    Port kinds:
    {factory.DescribeKinds()}
    """);
common.AddTo(root);
foreach (Option option in new Option[] { rate, size, count, srcMac, dstMac, srcIp, dstIp, srcPort, dstPort, vlan, vlanPriority, txChecksum, replay, rx, plot })
{
    root.Options.Add(option);
}

root.SetAction(result =>
{
    // Every argument is checked before a mempool exists or a port opens, so a bad one costs exactly one error line
    // (and no hugepage fallback warning); only what a port must tell (a missing file, its line rate) fails later.
    PktgenSettings run = Read(result);
    CommonSettings settings = run.Common;
    using ILoggerFactory loggers = AppLogging.Create(settings.LogLevel);
    using var signal = new ShutdownSignal();
    ILogger logger = loggers.CreateLogger("pktgen");
    using RunReport report = RunReport.Start("pktgen", settings.Report, logger);
    ProcessAudit audit = ProcessAudit.Begin();
    int exitCode = RunPktgen(run, logger, loggers, signal.Token, report);
    report.Complete(exitCode);
    Console.WriteLine(audit.Report());
    Console.WriteLine(GcSummary.Take());
    return exitCode;
});

return CommandLineApp.Run("pktgen", root, args);

int RunPktgen(PktgenSettings run, ILogger logger, ILoggerFactory loggers, CancellationToken stopping, RunReport report)
{
    CommonSettings settings = run.Common;
    // With --mtu, standard 2 KiB buffers and longer frames as chains of them. Without, one buffer holds the largest
    // frame (jumbo frames get jumbo buffers), rounded up to whole KiB, the granularity in which NICs are told their
    // receive buffer size (82599 SRRCTL.BSIZEPACKET, 82576 likewise).
    int dataRoom = settings.Mtu != 0 ? PacketLayout.DefaultDataRoom : Math.Max(PacketLayout.DefaultDataRoom, (run.LargestFrame + 1023) / 1024 * 1024);
    using FastPath.Mempool.Pools.PacketPool pool = MempoolFactory.Create("pktgen", settings, logger, dataRoom);
    int exitCode;
    using (PortSet opened = PortSet.Open(factory, settings.Ports, pool, settings.Lcores.Count, loggers, usesRx: run.Receive, usesTx: !run.Receive, idle: settings.Idle))
    {
        IPort port = opened.Ports[0];
        PortMtu.Apply(opened.Ports, settings.Mtu);
        using var meter = new FastPathMeter();
        meter.AddPort(0, port);
        exitCode = run.Receive
            ? Receive(settings, port, opened, loggers, stopping, meter, report, run.Plot)
            : run.ReplaySource is not null
                ? Replay(run, port, opened, pool, loggers, stopping, report)
                : Generate(run, port, pool, opened, loggers, stopping, report);
    }

    (bool allReturned, IReadOnlyList<string> audit) = PoolAudit.Check([pool]);
    foreach (string line in audit)
    {
        Console.WriteLine(line);
    }

    report.SetBuffersReturned(allReturned);
    return allReturned ? exitCode : 1;
}

PktgenSettings Read(ParseResult result)
{
    CommonSettings settings = common.Read(result, CoreList.Format(AllowedCores.First(1)));
    if (settings.Ports.Count != 1)
    {
        throw new UsageException($"pktgen uses exactly one --port ({settings.Ports.Count} given); run one pktgen per port.");
    }

    factory.Parse(settings.Ports[0]);
    bool isRx = result.GetValue(rx);
    string? replaySpec = result.GetValue(replay);
    if (settings.Idle.Mode == IdleMode.Interrupt && !isRx)
    {
        throw new UsageException($"--idle {settings.Idle} applies to --rx only: a generating lcore always has work; drop --idle or add --rx.");
    }

    if (isRx && replaySpec is not null)
    {
        throw new UsageException("--rx receives and --replay sends; give one of them.");
    }

    if (replaySpec is not null)
    {
        if (settings.Lcores.Count != 1)
        {
            throw new UsageException($"--replay runs on one lcore; give one core in --lcores ({settings.Lcores.Count} given).");
        }

        factory.Parse(replaySpec);
    }

    string? plotPath = result.GetValue(plot);
    if (plotPath is not null && !isRx)
    {
        throw new UsageException("--plot draws what pktgen --rx received; add --rx or drop --plot.");
    }

    if (plotPath is not null && !PlotTool.IsAvailable)
    {
        throw new UsageException($"--plot: {PlotTool.HowToInstall}");
    }

    TxOffloads checksums = result.GetValue(txChecksum) is { } checksumList ? ParseChecksums(checksumList) : TxOffloads.None;
    if (checksums != TxOffloads.None && (isRx || replaySpec is not null))
    {
        throw new UsageException($"--tx-checksum applies to the frames pktgen generates; it cannot be combined with {(isRx ? "--rx" : "--replay")}.");
    }

    FrameSizes sizes = Parse("--size", result.GetValue(size)!, FrameSizes.Parse);
    int priority = result.GetValue(vlanPriority);
    VlanTags? tags = result.GetValue(vlan) is { } vlanText ? Parse("--vlan", vlanText, text => VlanTags.Parse(text, priority)) : null;
    if (tags is not null && (isRx || replaySpec is not null))
    {
        throw new UsageException($"--vlan tags the frames pktgen generates; it cannot be combined with {(isRx ? "--rx (which reads tagged probes without it)" : "--replay")}.");
    }

    if (tags is null && priority != 0)
    {
        throw new UsageException("--vlan-priority applies to --vlan tags; add --vlan ID or drop --vlan-priority.");
    }

    if (settings.Mtu != 0 && sizes.Largest - FrameOffsets.FcsLength > settings.Mtu + PortConfiguration.EthernetHeaderLength)
    {
        throw new UsageException($"--size {sizes.Description} makes frames of up to {sizes.Largest - FrameOffsets.FcsLength} bytes (FCS excluded), longer than --mtu {settings.Mtu} allows ({settings.Mtu + PortConfiguration.EthernetHeaderLength}); raise --mtu or lower --size.");
    }
    RateLimit rateLimit = Parse("--rate", result.GetValue(rate)!, RateLimit.Parse);
    if (rateLimit.Kind == RateKind.PercentOfLineRate && rateLimit.Value > 100)
    {
        throw new UsageException($"--rate: A rate of {rateLimit.Value}% is above line rate; give at most 100%.");
    }

    FlowSet flows = new()
    {
        SourceMac = result.GetValue(srcMac) is { } mac ? Parse("--src-mac", mac, FieldRange.ParseMac) : null,
        DestinationMac = Parse("--dst-mac", result.GetValue(dstMac)!, FieldRange.ParseMac),
        SourceIp = Parse("--src-ip", result.GetValue(srcIp)!, FieldRange.ParseIpv4),
        DestinationIp = Parse("--dst-ip", result.GetValue(dstIp)!, FieldRange.ParseIpv4),
        SourcePort = Parse("--src-port", result.GetValue(srcPort)!, FieldRange.ParsePort),
        DestinationPort = Parse("--dst-port", result.GetValue(dstPort)!, FieldRange.ParsePort),
    };
    ulong totalCount = result.GetValue(count);
    int queues = settings.Lcores.Count;
    if (!isRx && replaySpec is null && totalCount != 0 && totalCount < (ulong)queues)
    {
        throw new UsageException($"--count {totalCount} is smaller than the {queues} TX queues; send at least one frame per queue.");
    }

    return new PktgenSettings(settings, isRx, replaySpec, sizes, rateLimit, flows, totalCount, checksums, tags, plotPath);
}

int Generate(PktgenSettings run, IPort port, PacketPool pool, PortSet opened, ILoggerFactory loggers, CancellationToken stopping, RunReport report)
{
    CommonSettings settings = run.Common;
    FrameSizes sizes = run.Sizes;
    RateLimit total = ResolveRate(run.Rate, port, sizes.Average);
    int queues = settings.Lcores.Count;
    RateLimit perQueue = total.Kind == RateKind.Unlimited ? total : total with { Value = total.Value / queues };
    FlowSet flows = run.Flows;
    ulong totalCount = run.Count;
    TxOffloads enabled = port.Configuration.TxOffloads ?? TxOffloads.None;
    if ((run.Checksums & ~enabled) != 0)
    {
        throw new UsageException($"--tx-checksum: port '{port.Name}' ({port.Info.Driver}) does not compute {run.Checksums & ~enabled} on transmit (its TX offloads: {enabled}); use a port whose NIC does (pci: igb or ixgbe, sim:ixgbe) or drop --tx-checksum.");
    }

    int largest = run.LargestFrame;
    if (largest > port.Info.MaxFrameSize)
    {
        throw new UsageException($"--size {sizes.Description}{(run.Vlan is null ? "" : " with a VLAN tag")}: port '{port.Name}' ({port.Info.Driver}) carries frames of at most {port.Info.MaxFrameSize} bytes ({port.Info.MaxFrameSize + FrameOffsets.FcsLength} on the wire), {largest} asked; give a --size of at most {port.Info.MaxFrameSize + FrameOffsets.FcsLength - (largest - sizes.Largest)}, or use a port that takes jumbo frames.");
    }

    if (largest > pool.DataRoom && (port.Info.TxOffloads & TxOffloads.MultiSegment) == 0)
    {
        throw new UsageException($"--mtu: frames of {largest} bytes are chains of {pool.DataRoom}-byte buffers, and port '{port.Name}' ({port.Info.Driver}) does not send chains (TX offloads: {port.Info.TxOffloads}); drop --mtu (pktgen then uses buffers the largest frame fits) or use a port that sends chains (af_packet, ring, pcap-out, igb, ixgbe).");
    }

    // A port configured for standard frames that can take longer ones (a NIC's jumbo mode) gets an MTU that fits.
    if (largest > port.Configuration.MaxFrameSize && (port.Info.Capabilities & PortCapabilities.Mtu) != 0)
    {
        port.SetMtu(largest - PortConfiguration.EthernetHeaderLength);
    }

    var generators = new TrafficGenerator[queues];
    for (int q = 0; q < queues; q++)
    {
        ulong share = totalCount == 0 ? 0 : totalCount / (ulong)queues + (q < (int)(totalCount % (ulong)queues) ? 1UL : 0);
        generators[q] = new TrafficGenerator(pool, port.GetTxQueue(q), port.MacAddress, new GeneratorSettings
        {
            Stream = (ushort)q,
            Sizes = sizes,
            Flows = flows,
            Rate = perQueue,
            Count = share,
            BurstSize = settings.BurstSize,
            ChecksumOffloads = run.Checksums,
            Vlan = run.Vlan,
        });
    }

    string handedName = $"{port.Name} (handed)";
    string portName = $"{port.Name} (port)";
    var rows = new StatsSource(2, row =>
    {
        ulong packets = 0, bytes = 0;
        foreach (TrafficGenerator g in generators)
        {
            packets += g.Counters.Packets;
            bytes += g.Counters.Bytes;
        }

        PortCounters s = port.ReadStatistics([]);
        row[0] = new(handedName, 0, 0, packets, bytes, 0);
        row[1] = new(portName, s.RxPackets, s.RxBytes, s.TxPackets, s.TxBytes, s.TxErrors + s.RxMissed);
    });

    // The banner follows the start: a test (or a user) that sees it knows the port is live.
    opened.StartAll();
    Console.WriteLine($"pktgen: {port.Name}, {queues} TX queue(s) on lcores {CoreList.Format(settings.Lcores)}, {sizes.Description}-byte frames{(run.Vlan is null ? "" : $" tagged {run.Vlan}")}, rate {total}, count {(totalCount == 0 ? "unlimited" : totalCount)}, "
        + $"checksums {(run.Checksums == TxOffloads.None ? "IPv4 in software, no UDP checksum" : $"offloaded to the NIC: {run.Checksums}")}");
    bool AllFinished()
    {
        foreach (TrafficGenerator g in generators)
        {
            if (!g.IsFinished)
            {
                return false;
            }
        }

        return true;
    }

    TimeSpan elapsed = WorkerHost.Run(settings, [.. generators.Select(g => (IReadOnlyList<IPollingTask>)[g])], rows, Console.Out, loggers, stopping,
        screen: new ScreenContent { Title = $"pktgen: {port.Name}, {queues} TX queue(s), {sizes.Description}-byte frames, rate {total}", Ports = [port] },
        isDone: AllFinished,
        stopSources: () => Array.ForEach(generators, g => g.RequestStop()),
        isDrained: AllFinished,
        report: report);
    opened.StopAll();
    StatsRow[] totals = rows.Read();
    Console.Write(StatsTable.FormatSummary(totals, elapsed.TotalSeconds));
    ulong refused = generators.Aggregate(0UL, (sum, g) => sum + g.Counters.RefusedBursts), starved = generators.Aggregate(0UL, (sum, g) => sum + g.Counters.AllocFailures);
    Console.WriteLine($"refused bursts (TX ring full, retried): {refused}; bursts short of buffers: {starved}");
    report.SetTotals(totals, elapsed);
    report.SetGenerator(refused, starved);
    return 0;
}

int Replay(PktgenSettings run, IPort port, PortSet opened, PacketPool pool, ILoggerFactory loggers, CancellationToken stopping, RunReport report)
{
    CommonSettings settings = run.Common;
    using IPort source = factory.Open(run.ReplaySource!, new PortOpenContext { PortId = 1, Pool = pool, LoggerFactory = loggers });
    RateLimit total = ResolveRate(run.Rate, port, FrameOffsets.MaximumFrameLength);
    var replayer = new FrameReplayer(source.GetRxQueue(0), port.GetTxQueue(0), total, run.Count, settings.BurstSize);
    string handedName = $"{port.Name} (handed)";
    string portName = $"{port.Name} (port)";
    var rows = new StatsSource(2, row =>
    {
        PortCounters s = port.ReadStatistics([]);
        row[0] = new(handedName, 0, 0, replayer.Counters.Packets, replayer.Counters.Bytes, 0);
        row[1] = new(portName, s.RxPackets, s.RxBytes, s.TxPackets, s.TxBytes, s.TxErrors + s.RxMissed);
    });

    source.Start();
    opened.StartAll();
    Console.WriteLine($"pktgen: replaying {source.Name} into {port.Name} at {total}");

    // A source whose link went down (a pcap reader at the end of its last pass) has nothing more to give.
    TimeSpan elapsed = WorkerHost.Run(settings, [[replayer]], rows, Console.Out, loggers, stopping,
        isDone: () => replayer.IsFinished || (!source.Link.IsUp && replayer.IdlePolls > 0), report: report);
    source.Stop();
    opened.StopAll();
    StatsRow[] totals = rows.Read();
    Console.Write(StatsTable.FormatSummary(totals, elapsed.TotalSeconds));
    report.SetTotals(totals, elapsed);
    return 0;
}

int Receive(CommonSettings settings, IPort port, PortSet opened, ILoggerFactory loggers, CancellationToken stopping, FastPathMeter meter, RunReport report, string? plotPath)
{
    var receivers = new TrafficReceiver[settings.Lcores.Count];
    for (int q = 0; q < receivers.Length; q++)
    {
        receivers[q] = new TrafficReceiver(port.GetRxQueue(q), settings.BurstSize, $"0 '{port.Name}'");
    }

    string receivedName = $"{port.Name} (received)";
    string portName = $"{port.Name} (port)";
    (ulong Packets, ulong Bytes) Received()
    {
        ulong packets = 0, bytes = 0;
        foreach (TrafficReceiver r in receivers)
        {
            packets += r.Packets;
            bytes += r.Bytes;
        }

        return (packets, bytes);
    }

    var rows = new StatsSource(2, row =>
    {
        (ulong packets, ulong bytes) = Received();
        PortCounters s = port.ReadStatistics([]);
        row[0] = new(receivedName, packets, bytes, 0, 0, 0);
        row[1] = new(portName, s.RxPackets, s.RxBytes, s.TxPackets, s.TxBytes, s.RxMissed + s.RxErrors);
    });

    // --plot: the receive rate of every second, sampled by a timer into arrays made here (a day's worth when the run
    // has no duration), so the sampling allocates nothing however long the run.
    ReceiveRateSeries? rates = plotPath is null ? null
        : new ReceiveRateSeries(settings.Duration > TimeSpan.Zero ? (int)Math.Ceiling(settings.Duration.TotalSeconds) + 1 : 86_400);
    opened.StartAll();
    Console.WriteLine($"pktgen --rx: {port.Name}, {receivers.Length} RX queue(s) on lcores {CoreList.Format(settings.Lcores)}");
    using var sampler = rates is null ? null : new Timer(_ =>
    {
        (ulong packets, ulong bytes) = Received();
        rates.Record(packets, bytes);
    }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    TimeSpan elapsed = WorkerHost.Run(settings, [.. receivers.Select(r => (IReadOnlyList<IPollingTask>)[r])], rows, Console.Out, loggers, stopping, meter: meter, report: report,
        screen: new ScreenContent { Title = $"pktgen --rx: {port.Name}, {receivers.Length} RX queue(s)", Ports = [port], Section = ReceiverSection.For(receivers) });
    opened.StopAll();
    StatsRow[] totals = rows.Read();
    Console.Write(StatsTable.FormatSummary(totals, elapsed.TotalSeconds));
    ReceiverSummary summary = ReceiverSummary.Combine(receivers);
    report.SetTotals(totals, elapsed);
    report.SetReceiver(summary);
    Console.WriteLine($"probes {summary.Probes} in {summary.Streams} stream(s), foreign {summary.Foreign}; expected {summary.Expected} (from the first to the last sequence seen per stream), lost {summary.Lost}, reordered {summary.Reordered}, duplicates {summary.Duplicates}");
    Console.WriteLine($"received: {summary.Packets} frames, {summary.Bytes} bytes (FCS excluded)");
    if (summary.Tagged > 0)
    {
        Console.WriteLine($"vlan: {summary.Tagged} tagged probes on {summary.VlanIds} VLAN id(s), {summary.LowestVlan} to {summary.HighestVlan}");
    }

    Console.WriteLine($"latency: min {summary.Latency.Min} ns, avg {summary.Latency.Mean:0} ns, p50 {summary.Latency.Percentile(50)} ns, p99 {summary.Latency.Percentile(99)} ns, p99.9 {summary.Latency.Percentile(99.9)} ns, max {summary.Latency.Max} ns (meaningful when sender and receiver share this host's clock)");
    if (plotPath is null || rates is null)
    {
        return 0;
    }

    using (var stopped = new ManualResetEvent(false))
    {
        // No sample after this: Dispose signals once a callback in flight has finished.
        if (sampler!.Dispose(stopped))
        {
            stopped.WaitOne();
        }
    }

    var data = new PlotData
    {
        Title = $"pktgen --rx {port.Name}",
        Rates = [.. Enumerable.Range(0, rates.Count).Select(i => (rates.PacketsAt(i), rates.BytesAt(i)))],
        Latency = [.. summary.Latency.NonEmptyBuckets()],
    };
    string? failure = PlotTool.Draw(data, plotPath);
    Console.WriteLine(failure is null
        ? $"plot: {plotPath} ({data.Width}×{data.Height}): latency histogram of {summary.Latency.Count} probes, receive rate over {rates.Count} s{(rates.Dropped > 0 ? $" (the last {rates.Dropped} s not kept)" : "")}"
        : $"plot: {failure}");
    return failure is null ? 0 : 1;
}

static RateLimit ResolveRate(RateLimit limit, IPort port, double averageLength)
{
    try
    {
        return limit.Resolve(port.Link.SpeedMbps, averageLength);
    }
    catch (ArgumentException exception)
    {
        throw new UsageException($"--rate: {ErrorText.OneLine(exception)}", exception);
    }
}

static TxOffloads ParseChecksums(string list)
{
    TxOffloads offloads = TxOffloads.None;
    foreach (string name in list.Split(',', StringSplitOptions.TrimEntries))
    {
        offloads |= name switch
        {
            "ip" => TxOffloads.Ipv4Checksum,
            "udp" => TxOffloads.UdpChecksum,
            _ => throw new UsageException($"--tx-checksum: '{name}' is not a checksum pktgen's IPv4/UDP frames have; give ip, udp or ip,udp."),
        };
    }

    return offloads;
}

static T Parse<T>(string option, string text, Func<string, T> parse)
{
    try
    {
        return parse(text);
    }
    catch (FormatException exception)
    {
        throw new UsageException($"{option}: {exception.Message}", exception);
    }
}

/// <summary>The checked arguments of a run: everything but what only the opened port can tell (its line rate, its queues).</summary>
internal sealed record PktgenSettings(CommonSettings Common, bool Receive, string? ReplaySource, FrameSizes Sizes, RateLimit Rate, FlowSet Flows, ulong Count, TxOffloads Checksums, VlanTags? Vlan, string? Plot)
{
    /// <summary>The longest frame pktgen builds or expects, FCS excluded: the largest size plus the VLAN tag, if any.</summary>
    public int LargestFrame => Sizes.Largest + (Vlan is null ? 0 : VlanTags.TagLength);
}
