using System.CommandLine;
using FastPath.Hosting.Output;
using FastPath.Lcores;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using Microsoft.Extensions.Logging;

namespace FastPath.Hosting.Cli;

/// <summary>The command-line options both applications take.</summary>
public sealed class CommonOptions
{
    /// <summary>The most seconds <see cref="Duration"/> and <see cref="StatsInterval"/> take: ten years.</summary>
    public const int MaxSeconds = 315_360_000;

    /// <summary>The smallest <see cref="Mtu"/>: the shortest Ethernet payload.</summary>
    public const int MinMtu = 46;

    /// <summary>The largest <see cref="Mtu"/>: a 9216-byte jumbo frame less its Ethernet header and a VLAN tag.</summary>
    public const int MaxMtu = 9198;

    /// <summary>The ports, in port-id order.</summary>
    public Option<string[]> Ports { get; } = new("--port", "-p")
    {
        Description = "A port spec (repeat for several; the order gives port ids 0, 1, …). Kinds are listed below.",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>The lcores.</summary>
    public Option<string?> Lcores { get; } = new("--lcores", "-l")
    {
        Description = "Cores to run workers on, one worker per core: a list such as 2,3 or ranges such as 0-3. Each worker is pinned to its core.",
    };

    /// <summary>How long to run.</summary>
    public Option<double> Duration { get; } = new("--duration", "-d")
    {
        Description = "Seconds to run; 0 runs until Ctrl+C or SIGTERM.",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>The burst size.</summary>
    public Option<int> Burst { get; } = new("--burst")
    {
        Description = "Packets per receive/transmit burst.",
        DefaultValueFactory = _ => PacketBatch.DefaultCapacity,
    };

    /// <summary>The mempool size.</summary>
    public Option<int> PoolSize { get; } = new("--pool-size")
    {
        Description = "Packet buffers in the mempool.",
        DefaultValueFactory = _ => 16384,
    };

    /// <summary>The MTU every port is configured with.</summary>
    public Option<int> Mtu { get; } = new("--mtu")
    {
        Description = "The MTU (largest IP packet; frames are 14 bytes longer, plus 4 with a VLAN tag) every port is configured with, e.g. 9000 for jumbo frames; 0 keeps each port's own. Past one 2 KiB buffer, frames travel as chains of buffers (ports that scatter: af_packet, pcap, ring, igb, ixgbe) and the mempool grows to match.",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>Whether the pool must, may or must not use hugepages.</summary>
    public Option<HugepagePolicy> Hugepages { get; } = new("--hugepages")
    {
        Description = "Whether packet buffers must (Require), may (Prefer) or must not (Never) come from 2 MiB hugepages.",
        DefaultValueFactory = _ => HugepagePolicy.Prefer,
    };

    /// <summary>The statistics interval.</summary>
    public Option<double> StatsInterval { get; } = new("--stats-interval")
    {
        Description = "Seconds between statistics tables; 0 prints only the final summary.",
        DefaultValueFactory = _ => 1,
    };

    /// <summary>Whether to pin workers.</summary>
    public Option<bool> NoPin { get; } = new("--no-pin")
    {
        Description = "Do not pin workers to their cores (lets more workers than cores share the machine, slowly).",
    };

    /// <summary>The lcores' idle mode.</summary>
    public Option<string> Idle { get; } = new("--idle")
    {
        Description = "What a receiving lcore does on a quiet link: poll (busy-poll, the default) or interrupt[:after=DURATION] (once every RX queue of the lcore has been empty for DURATION, 200us by default, sleep in epoll on the queues' wake sources until a frame arrives; ring, af_packet and pci ports have one, null does not).",
        DefaultValueFactory = _ => "poll",
    };

    /// <summary>Whether the lcores time their busy rounds.</summary>
    public Option<bool> RecordCoreCycles { get; } = new("--record-core-cycles")
    {
        Description = "Time each lcore's rounds that handle packets and print, in the summary, its busy TSC cycles per frame (as testpmd's --record-core-cycles does: idle rounds are not counted). Costs one clock read per round.",
    };

    /// <summary>The log level.</summary>
    public Option<LogLevel> LogLevel { get; } = new("--log-level")
    {
        Description = "Least severe log messages shown (Trace, Debug, Information, Warning, Error, Critical).",
        DefaultValueFactory = _ => Microsoft.Extensions.Logging.LogLevel.Information,
    };

    /// <summary>The machine-readable output options: <c>--output</c>, <c>--crank</c>, <c>--metrics-port</c>, <c>--metrics-address</c>.</summary>
    public ReportOptions Report { get; } = new();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option option in new Option[] { Ports, Lcores, Duration, Burst, PoolSize, Mtu, Hugepages, StatsInterval, NoPin, Idle, RecordCoreCycles, LogLevel })
        {
            command.Options.Add(option);
        }

        Report.AddTo(command);
    }

    /// <summary>Reads and checks the options.</summary>
    /// <param name="result">The parse result.</param>
    /// <param name="defaultLcores">The lcore list used when <c>--lcores</c> is absent.</param>
    /// <exception cref="UsageException">A value is out of range.</exception>
    public CommonSettings Read(ParseResult result, string defaultLcores)
    {
        ArgumentNullException.ThrowIfNull(result);
        int burst = result.GetValue(Burst);
        int poolSize = result.GetValue(PoolSize);
        double duration = result.GetValue(Duration);
        double interval = result.GetValue(StatsInterval);
        if (burst is < 1 or > 512)
        {
            throw new UsageException($"--burst {burst} is out of range; give 1 to 512 (32 is usual).");
        }

        if (poolSize < 1024)
        {
            throw new UsageException($"--pool-size {poolSize} is too small; give at least 1024 buffers.");
        }

        int mtu = result.GetValue(Mtu);
        if (mtu != 0 && mtu is < MinMtu or > MaxMtu)
        {
            throw new UsageException($"--mtu {mtu} is out of range; give {MinMtu} to {MaxMtu} (9000 for jumbo frames), or 0 to keep each port's own.");
        }

        // Written so that NaN fails too; the cap keeps TimeSpan.FromSeconds from overflowing.
        if (!(duration >= 0 && duration <= MaxSeconds) || !(interval >= 0 && interval <= MaxSeconds))
        {
            throw new UsageException($"--duration and --stats-interval must be numbers of seconds from 0 to {MaxSeconds} (ten years); --duration {duration} and --stats-interval {interval} were given.");
        }

        IdlePolicy idle;
        try
        {
            idle = IdlePolicy.Parse(result.GetValue(Idle) ?? "poll");
        }
        catch (FormatException exception)
        {
            throw new UsageException($"--idle: {exception.Message}", exception);
        }

        string lcoresText = result.GetValue(Lcores) ?? defaultLcores;
        int[] lcores;
        try
        {
            lcores = CoreList.Parse(lcoresText);
        }
        catch (FormatException exception)
        {
            throw new UsageException($"--lcores: {exception.Message}", exception);
        }

        bool pin = !result.GetValue(NoPin);
        IReadOnlyList<int> allowed = AllowedCores.Read();
        foreach (int core in lcores)
        {
            if (pin && !allowed.Contains(core))
            {
                throw new UsageException($"--lcores: core {core} does not exist or is not allowed for this process (allowed: {CoreList.Format(allowed)}); pick lcores from that list.");
            }

            if (core >= Lcore.MaxCount)
            {
                throw new UsageException($"--lcores: core {core} is above the highest lcore id {Lcore.MaxCount - 1}; pick a lower core.");
            }
        }

        return new CommonSettings
        {
            Ports = result.GetValue(Ports) ?? [],
            Lcores = lcores,
            Duration = TimeSpan.FromSeconds(duration),
            BurstSize = burst,
            PoolSize = poolSize,
            Mtu = mtu,
            Hugepages = result.GetValue(Hugepages),
            StatsInterval = TimeSpan.FromSeconds(interval),
            PinThreads = pin,
            LogLevel = result.GetValue(LogLevel),
            Idle = idle,
            Report = Report.Read(result),
            RecordCoreCycles = result.GetValue(RecordCoreCycles),
        };
    }
}
