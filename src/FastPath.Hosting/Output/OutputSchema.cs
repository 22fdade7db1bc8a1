using FastPath.Hosting.Diagnostics;
using FastPath.Hosting.Statistics;

namespace FastPath.Hosting.Output;

/// <summary>
/// The objects <c>--output json</c> prints, one per line (the README's "JSON output" section documents them): an
/// <see cref="IntervalRecord"/> per statistics interval and a <see cref="SummaryRecord"/> at exit. Property names are
/// written in snake_case; every object carries <see cref="Version"/>, raised whenever a field changes meaning or goes away.
/// </summary>
internal static class OutputSchema
{
    /// <summary>The schema version the objects carry.</summary>
    public const int Version = 1;
}

/// <summary>One statistics interval: cumulative counters and the interval's rates, reused from interval to interval.</summary>
internal sealed class IntervalRecord
{
    public int Version => OutputSchema.Version;

    public string Type => "interval";

    public required string App { get; init; }

    /// <summary>When the counters were read (UTC).</summary>
    public DateTime Time { get; set; }

    /// <summary>Seconds since the workers started.</summary>
    public double ElapsedSeconds { get; set; }

    /// <summary>Seconds the rates are taken over.</summary>
    public double IntervalSeconds { get; set; }

    public RowRecord[] Rows { get; set; } = [];

    public ProcessRecord Process { get; set; }
}

/// <summary>The run at exit.</summary>
internal sealed class SummaryRecord
{
    public int Version => OutputSchema.Version;

    public string Type => "summary";

    public required string App { get; init; }

    public DateTime Time { get; init; }

    public double ElapsedSeconds { get; init; }

    public int ExitCode { get; init; }

    /// <summary>The final table: totals, and rates averaged over the run.</summary>
    public RowRecord[] Rows { get; init; } = [];

    public GeneratorRecord? Generator { get; init; }

    public ReceiverRecord? Receiver { get; init; }

    public PortRecord[]? Ports { get; init; }

    public bool? BuffersReturned { get; init; }

    public ProcessRecord Process { get; init; }

    public double GcPauseMilliseconds { get; init; }
}

/// <summary>A table row: counters are cumulative, rates cover the interval (or the whole run in a summary).</summary>
internal readonly record struct RowRecord(
    string Name, ulong RxPackets, ulong RxBytes, ulong TxPackets, ulong TxBytes, ulong Dropped, double RxMpps, double TxMpps, double RxGbps, double TxGbps)
{
    public static RowRecord From(StatsRow now, StatsRow before, double seconds)
    {
        ulong rx = now.RxPackets - before.RxPackets, tx = now.TxPackets - before.TxPackets;
        return new(now.Name, now.RxPackets, now.RxBytes, now.TxPackets, now.TxBytes, now.Dropped,
            Throughput.Mpps(rx, seconds), Throughput.Mpps(tx, seconds),
            Throughput.WireGbps(rx, now.RxBytes - before.RxBytes, seconds), Throughput.WireGbps(tx, now.TxBytes - before.TxBytes, seconds));
    }
}

/// <summary>The process line: descriptors, collections and heap.</summary>
internal readonly record struct ProcessRecord(int OpenFds, int GcGen0, int GcGen1, int GcGen2, long HeapBytes)
{
    public static ProcessRecord From(ProcessSnapshot snapshot) => new(snapshot.OpenFiles, snapshot.Gen0, snapshot.Gen1, snapshot.Gen2, snapshot.HeapBytes);
}

/// <summary>pktgen's generator: what its port refused and what the pool could not supply.</summary>
internal sealed record GeneratorRecord(ulong RefusedBursts, ulong AllocFailures);

/// <summary>A receiver's verdict on pktgen's probes; latencies in nanoseconds.</summary>
internal sealed record ReceiverRecord(
    ulong Packets, ulong Probes, int Streams, ulong Foreign, ulong Expected, ulong Unique, ulong Lost, ulong Reordered, ulong Duplicates, LatencyRecord LatencyNs);

/// <summary>Latency percentiles in nanoseconds.</summary>
internal sealed record LatencyRecord(ulong Count, ulong Min, double Mean, ulong P50, ulong P99, ulong P999, ulong Max);

/// <summary>A port's own counters at exit.</summary>
internal sealed record PortRecord(int Id, string Name, ulong RxPackets, ulong TxPackets, ulong RxMissed, ulong RxErrors, ulong TxErrors);
