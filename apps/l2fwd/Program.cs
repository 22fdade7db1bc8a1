using System.CommandLine;
using FastPath.Ports.Virtual;
using FastPath.Drivers.Igb;
using FastPath.Drivers.Ixgbe;
using FastPath.Drivers.Ixgbe.Model.Ports;
using FastPath;
using FastPath.Hosting.Cli;
using FastPath.Hosting.Demo;
using FastPath.Hosting.Diagnostics;
using FastPath.Hosting.Output;
using FastPath.Hosting.Screen;
using FastPath.Pools;
using FastPath.Ports.Registry;
using FastPath.Hosting.Statistics;
using FastPath.Lcores;
using FastPath.Metrics;
using FastPath.Ports;
using FastPath.Traffic.Forwarding;
using FastPath.Traffic.Frames;
using FastPath.Traffic.Rate;
using Microsoft.Extensions.Logging;
using FastPath.Mempool.Pools;

PortRegistry factory = VirtualPortDrivers.CreateRegistry();
IgbPortDrivers.RegisterWith(factory);
IxgbePortDrivers.RegisterWith(factory);
SimulatedIxgbePortDrivers.RegisterWith(factory);
var common = new CommonOptions();
var noMacUpdating = new Option<bool>("--no-mac-updating") { Description = "Forward frames unchanged instead of rewriting dst MAC to 02:00:00:00:00:<dest port> and src MAC to the dest port's." };
var queues = new Option<int>("--queues", "-q") { Description = "Queue pairs used on every port; each queue pair of a port pair gets one lcore.", DefaultValueFactory = _ => 1 };
var demo = new Option<bool>("--demo") { Description = "Run the self-contained demo instead: pktgen → ring → l2fwd → ring → receiver in this process (no NIC, no root), then check zero loss. Uses --lcores (1 or 2, default the first two allowed cores), --duration (default 5 s), --size, --rate, --count." };
var size = new Option<string>("--size") { Description = "(--demo) Frame size on the wire, FCS included: a size (64), a range (64-1518) or imix.", DefaultValueFactory = _ => "64" };
var rate = new Option<string>("--rate") { Description = "(--demo) Generator rate: unlimited, 5mpps, 500kpps, 2gbit, 50%.", DefaultValueFactory = _ => "unlimited" };
var count = new Option<ulong>("--count") { Description = "(--demo) Frames to send, then stop; 0 for no limit." };
var txDrain = new Option<string>("--tx-drain") { Description = "When partly filled TX buffers are sent: adaptive (as soon as an RX burst comes back short of --burst, so a light load never waits; a full load still sends full bursts) or a fixed timer such as 100us (DPDK l2fwd's), 50us, 1ms.", DefaultValueFactory = _ => "adaptive" };
var demoPorts = new Option<string>("--demo-ports") { Description = "(--demo) The links: ring (in-process rings) or sim (two cabled sim:ixgbe pairs: the 82599 driver over the device model).", DefaultValueFactory = _ => "ring" };

var root = new RootCommand($"""
    l2fwd — DPDK-style layer-2 forwarder. Ports are paired (0↔1, 2↔3, …): what one receives the other sends, with the
    destination MAC rewritten to 02:00:00:00:00:<dest port id> and the source MAC to the dest port's own (unless
    --no-mac-updating). TX is buffered in bursts and drained as --tx-drain says; frames a full TX ring refuses are
    freed and counted as dropped.
    Prints per-port statistics every second (on a terminal: one screen redrawn in place, q quits) and a summary at exit (Ctrl+C, SIGTERM or --duration), then checks that
    every mempool buffer came back (exit 1 if not). Bad arguments exit 2. With --idle interrupt[:after=DURATION] an
    lcore whose RX queues have been empty for DURATION (200us by default) sleeps in epoll on their wake sources until
    a frame arrives; its sleeps, wake-ups, time asleep and wake latency follow each table and the summary.

    Port kinds:
    {factory.DescribeKinds()}
    """);
common.AddTo(root);
foreach (Option option in new Option[] { noMacUpdating, queues, txDrain, demo, size, rate, count, demoPorts })
{
    root.Options.Add(option);
}

root.SetAction(result =>
{
    // Every argument is checked before a mempool exists or a port opens, so a bad one costs exactly one error line
    // (and no hugepage fallback warning); only what opening a port can find (an interface, a device) fails later.
    bool isDemo = result.GetValue(demo);
    int pairs = Math.Max(1, (result.GetValue(common.Ports)?.Length ?? 0) / 2 * Math.Max(1, result.GetValue(queues)));
    string defaultLcores = CoreList.Format(AllowedCores.First(isDemo ? 2 : pairs));
    CommonSettings settings = common.Read(result, defaultLcores);
    if (isDemo)
    {
        DemoSettings demoSettings = ReadDemo(settings, result);
        using ILoggerFactory demoLoggers = AppLogging.Create(settings.LogLevel);
        using var demoSignal = new ShutdownSignal();
        using RunReport demoReport = RunReport.Start("l2fwd", settings.Report, demoLoggers.CreateLogger("l2fwd"));
        ProcessAudit demoAudit = ProcessAudit.Begin();
        int demoExit = RunDemo(demoSettings with { Report = demoReport }, demoLoggers, demoSignal.Token);
        demoReport.Complete(demoExit);
        Console.WriteLine(demoAudit.Report());
        Console.WriteLine(GcSummary.Take());
        return demoExit;
    }

    ForwarderSettings forwarder = ReadForwarder(settings, result);
    using ILoggerFactory loggers = AppLogging.Create(settings.LogLevel);
    using var signal = new ShutdownSignal();
    using RunReport report = RunReport.Start("l2fwd", settings.Report, loggers.CreateLogger("l2fwd"));
    ProcessAudit audit = ProcessAudit.Begin();
    int exit = RunForwarder(forwarder, loggers, signal.Token, report);
    report.Complete(exit);
    Console.WriteLine(audit.Report());
    Console.WriteLine(GcSummary.Take());
    return exit;
});

return CommandLineApp.Run("l2fwd", root, args);

DemoSettings ReadDemo(CommonSettings settings, ParseResult result)
{
    if (settings.Ports.Count > 0)
    {
        throw new UsageException("--demo builds its own ring ports; drop --port, or drop --demo to forward between the given ports.");
    }

    if (settings.Idle.Mode == IdleMode.Interrupt)
    {
        throw new UsageException($"--idle {settings.Idle} does not apply to --demo, whose generator never idles; forward between ring ports with --port ring:NAME instead.");
    }

    DemoPorts? links = result.GetValue(demoPorts)! switch
    {
        "ring" => null,
        "sim" => new DemoPorts
        {
            Factory = factory,
            Label = "sim:ixgbe",
            ForwarderIn = "sim:ixgbe:link=demo-in",
            ForwarderOut = "sim:ixgbe:link=demo-out:rxd=2048:txd=2048",
            Generator = "sim:ixgbe:link=demo-in",
            Receiver = "sim:ixgbe:link=demo-out:rxd=2048:txd=2048",
        },
        string other => throw new UsageException($"--demo-ports {other} is not a demo link kind; give ring or sim."),
    };
    if (settings.Lcores.Count is < 1 or > 2)
    {
        throw new UsageException($"The demo runs on 1 or 2 lcores (generator+receiver on the first, l2fwd on the second); {settings.Lcores.Count} were given.");
    }

    return new DemoSettings
    {
        Ports = links,
        Lcores = settings.Lcores,
        Duration = settings.Duration > TimeSpan.Zero || result.GetValue(count) > 0 ? settings.Duration : TimeSpan.FromSeconds(5),
        Count = result.GetValue(count),
        Sizes = CheckStandard(Parse("--size", result.GetValue(size)!, FrameSizes.Parse)),
        Rate = CheckPercent(Parse("--rate", result.GetValue(rate)!, RateLimit.Parse)),
        MacUpdating = !result.GetValue(noMacUpdating),
        TxDrain = Parse("--tx-drain", result.GetValue(txDrain)!, TxDrainPolicy.Parse),
        PoolSize = settings.PoolSize,
        Hugepages = settings.Hugepages,
        BurstSize = settings.BurstSize,
        PinThreads = settings.PinThreads,
        StatsInterval = settings.StatsInterval,
        Output = Console.Out,
    };
}

ForwarderSettings ReadForwarder(CommonSettings settings, ParseResult result)
{
    int queueCount = result.GetValue(queues);
    if (queueCount is < 1 or > VirtualPortDrivers.MaxQueues)
    {
        throw new UsageException($"--queues {queueCount} is out of range; give 1 to {VirtualPortDrivers.MaxQueues}.");
    }

    if (settings.Ports.Count < 2 || settings.Ports.Count % 2 != 0)
    {
        throw new UsageException($"l2fwd forwards between port pairs (0↔1, 2↔3, …): give an even number of --port, at least 2 ({settings.Ports.Count} given).");
    }

    // Parsing checks each spec's kind and option names; values only a driver knows (rxd=100) wait for the open.
    foreach (string spec in settings.Ports)
    {
        factory.Parse(spec);
    }

    int queuePairs = settings.Ports.Count / 2 * queueCount;
    if (settings.Lcores.Count > queuePairs)
    {
        throw new UsageException($"{settings.Lcores.Count} lcores but only {queuePairs} queue pair(s) to serve (one lcore each); give at most {queuePairs} lcores or more queues.");
    }

    return new ForwarderSettings(settings, queueCount, !result.GetValue(noMacUpdating), Parse("--tx-drain", result.GetValue(txDrain)!, TxDrainPolicy.Parse));
}

int RunDemo(DemoSettings demoSettings, ILoggerFactory loggers, CancellationToken stopping)
{
    string link = demoSettings.Ports?.Label ?? "ring";
    Console.WriteLine($"l2fwd demo: pktgen → {link} → l2fwd → {link} → receiver on lcores {CoreList.Format(demoSettings.Lcores)}, {demoSettings.Sizes.Description}-byte frames, rate {demoSettings.Rate}, TX drain {demoSettings.TxDrain}");
    DemoResult outcome = DemoPipeline.Run(demoSettings, loggers, stopping);
    Console.Write(outcome.Format());
    demoSettings.Report?.SetTotals(outcome.Rows, outcome.Elapsed);
    demoSettings.Report?.SetReceiver(outcome.Received);
    demoSettings.Report?.SetBuffersReturned(outcome.AllBuffersReturned);
    return outcome.Passed ? 0 : 1;
}

int RunForwarder(ForwarderSettings forwarder, ILoggerFactory loggers, CancellationToken stopping, RunReport report)
{
    CommonSettings settings = forwarder.Common;
    int queueCount = forwarder.Queues;
    ILogger logger = loggers.CreateLogger("l2fwd");
    using FastPath.Mempool.Pools.PacketPool pool = MempoolFactory.Create("l2fwd", settings, logger);
    bool allReturned;
    using (PortSet opened = PortSet.Open(factory, settings.Ports, pool, queueCount, loggers, idle: settings.Idle))
    {
        IReadOnlyList<IPort> ports = opened.Ports;
        PortMtu.Apply(ports, settings.Mtu);
        List<ForwardingRoute>[] plan;
        try
        {
            plan = ForwardingPlan.Create(ports, queueCount, settings.Lcores.Count);
        }
        catch (ArgumentException exception)
        {
            throw new UsageException(ErrorText.OneLine(exception), exception);
        }

        bool macUpdating = forwarder.MacUpdating;
        ForwardingCounters[] counters = [.. plan.Select(_ => new ForwardingCounters(ports.Count))];
        IReadOnlyList<IPollingTask>[] lanes = [.. plan.Select((routes, i) => (IReadOnlyList<IPollingTask>)[new L2Forwarder(routes, counters[i], macUpdating, settings.BurstSize, forwarder.Drain)])];

        using var meter = new FastPathMeter();
        for (int id = 0; id < ports.Count; id++)
        {
            meter.AddPort(id, ports[id]);
        }

        meter.AddPortCounter("fastpath.l2fwd.tx.dropped", "{packet}", "Frames l2fwd freed because a TX ring was full.", id =>
        {
            ulong dropped = 0;
            foreach (ForwardingCounters c in counters)
            {
                dropped += c.Dropped(id);
            }

            return (long)dropped;
        });

        // The row names are made once: reading the rows every interval allocates nothing.
        string[] names = [.. Enumerable.Range(0, ports.Count).Select(id => $"{id} {ports[id].Name}")];
        var rows = new StatsSource(ports.Count + 1, row =>
        {
            for (int id = 0; id < ports.Count; id++)
            {
                ulong rx = 0, rxBytes = 0, tx = 0, txBytes = 0, dropped = 0;
                foreach (ForwardingCounters c in counters)
                {
                    rx += c.RxPackets(id);
                    rxBytes += c.RxBytes(id);
                    tx += c.TxPackets(id);
                    txBytes += c.TxBytes(id);
                    dropped += c.Dropped(id);
                }

                row[id] = new StatsRow(names[id], rx, rxBytes, tx, txBytes, dropped);
            }

            row[ports.Count] = StatsRow.Sum("total", row[..ports.Count]);
        });

        // Logged once the ports are started: whoever sees it can send.
        opened.StartAll();
        logger.LogInformation("Forwarding between {Count} ports on lcores {Lcores}, {Queues} queue(s) per port, MAC updating {MacUpdating}, TX drain {Drain}.",
            ports.Count, CoreList.Format(settings.Lcores), queueCount, macUpdating ? "on" : "off", forwarder.Drain);
        TimeSpan elapsed = WorkerHost.Run(settings, lanes, rows, Console.Out, loggers, stopping, meter: meter, report: report,
            screen: new ScreenContent { Title = $"l2fwd: {ports.Count} ports on lcores {CoreList.Format(settings.Lcores)}", Ports = ports });
        opened.StopAll();
        StatsRow[] totals = rows.Read();
        Console.Write(StatsTable.FormatSummary(totals, elapsed.TotalSeconds));
        report.SetTotals(totals, elapsed);
        report.SetPorts(ports);
        Console.WriteLine("As the ports count them:");
        for (int id = 0; id < ports.Count; id++)
        {
            PortStatistics s = ports[id].GetStatistics();
            Console.WriteLine($"  port {id} {ports[id].Name}: rx {s.RxPackets}, tx {s.TxPackets}, rx missed {s.RxMissed}, rx errors {s.RxErrors}, tx errors {s.TxErrors}");
        }
    }

    (allReturned, IReadOnlyList<string> audit) = PoolAudit.Check([pool]);
    foreach (string line in audit)
    {
        Console.WriteLine(line);
    }

    report.SetBuffersReturned(allReturned);
    return allReturned ? 0 : 1;
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

static FrameSizes CheckStandard(FrameSizes sizes) =>
    sizes.Largest > FrameOffsets.MaximumFrameLength
        ? throw new UsageException($"--size {sizes.Description}: the demo sends standard frames of 64 to {FrameOffsets.MaximumFrameLength + FrameOffsets.FcsLength} bytes; jumbo frames are pktgen's (--size up to its port's max frame).")
        : sizes;

static RateLimit CheckPercent(RateLimit limit) =>
    limit.Kind == RateKind.PercentOfLineRate && limit.Value > 100
        ? throw new UsageException($"--rate: A rate of {limit.Value}% is above line rate; give at most 100%.")
        : limit;

/// <summary>The checked arguments of a forwarding run.</summary>
internal sealed record ForwarderSettings(CommonSettings Common, int Queues, bool MacUpdating, TxDrainPolicy Drain);
