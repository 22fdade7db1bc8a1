using FastPath.Hosting.Statistics;

namespace FastPath.Hosting.Output;

/// <summary>
/// <c>--crank</c>: Crank's console measurement protocol (Crank's docs/measurements.md): a line
/// <c>#StartJobStatistics</c>, one JSON object <c>{"Metadata": [...], "Measurements": [...]}</c>, a line
/// <c>#EndJobStatistics</c>. Each statistics interval prints a block with that interval's rates; the exit prints one
/// with the run's totals, average rates, drops and, where a receiver checked probes, loss and latency percentiles.
/// The measurements are of the table's last row (l2fwd's total, pktgen's port row, the demo's receiver). Every name is
/// described once, in the first block, so a job stopped before its end still has metadata for what it printed.
/// </summary>
internal sealed class CrankWriter : IDisposable
{
    internal const string IntervalRxMpps = "fastpath/interval/rx-mpps";
    internal const string IntervalTxMpps = "fastpath/interval/tx-mpps";
    internal const string IntervalRxGbps = "fastpath/interval/rx-gbps";
    internal const string IntervalTxGbps = "fastpath/interval/tx-gbps";

    private static ReadOnlySpan<byte> Start => "#StartJobStatistics\n"u8;

    private static ReadOnlySpan<byte> End => "\n#EndJobStatistics\n"u8;

    private readonly JsonLineOutput _output;
    private readonly string _source;
    private readonly CrankStatistics _interval = new();
    private readonly CrankMeasurement[] _intervalMeasurements = new CrankMeasurement[4];
    private bool _described;

    public CrankWriter(Stream stream, string source)
    {
        _output = new JsonLineOutput(stream);
        _source = source;
        _interval.Measurements = _intervalMeasurements;
    }

    public void WriteInterval(StatsRow now, StatsRow before, double seconds)
    {
        DateTime time = DateTime.UtcNow;
        RowRecord row = RowRecord.From(now, before, seconds);
        _intervalMeasurements[0] = new(IntervalRxMpps, time, row.RxMpps);
        _intervalMeasurements[1] = new(IntervalTxMpps, time, row.TxMpps);
        _intervalMeasurements[2] = new(IntervalRxGbps, time, row.RxGbps);
        _intervalMeasurements[3] = new(IntervalTxGbps, time, row.TxGbps);
        Write(_interval);
    }

    /// <summary>The exit block, from the run's summary record.</summary>
    public void WriteSummary(SummaryRecord summary)
    {
        DateTime time = summary.Time;
        var measurements = new List<CrankMeasurement> { new("fastpath/elapsed", time, summary.ElapsedSeconds) };
        if (summary.Rows.Length > 0)
        {
            RowRecord row = summary.Rows[^1];
            measurements.AddRange(
            [
                new("fastpath/rx-packets", time, row.RxPackets),
                new("fastpath/tx-packets", time, row.TxPackets),
                new("fastpath/dropped", time, row.Dropped),
                new("fastpath/rx-mpps", time, row.RxMpps),
                new("fastpath/tx-mpps", time, row.TxMpps),
                new("fastpath/rx-gbps", time, row.RxGbps),
                new("fastpath/tx-gbps", time, row.TxGbps),
            ]);
        }

        if (summary.Receiver is { } receiver)
        {
            LatencyRecord latency = receiver.LatencyNs;
            measurements.AddRange(
            [
                new("fastpath/lost", time, receiver.Lost),
                new("fastpath/reordered", time, receiver.Reordered),
                new("fastpath/duplicates", time, receiver.Duplicates),
                new("fastpath/latency/min", time, latency.Min / 1e3),
                new("fastpath/latency/mean", time, latency.Mean / 1e3),
                new("fastpath/latency/p50", time, latency.P50 / 1e3),
                new("fastpath/latency/p99", time, latency.P99 / 1e3),
                new("fastpath/latency/p99.9", time, latency.P999 / 1e3),
                new("fastpath/latency/max", time, latency.Max / 1e3),
            ]);
        }

        Write(new CrankStatistics { Measurements = [.. measurements] });
    }

    public void Dispose() => _output.Dispose();

    private void Write(CrankStatistics block)
    {
        block.Metadata = _described ? null : Describe(_source);
        _described = true;
        _output.Write(Start, block, CrankJsonContext.Default.CrankStatistics, End);
    }

    /// <summary>
    /// Every name this writer can print. Aggregate is over one job's values (the intervals' peak, the exit's last);
    /// Reduce is over several jobs: rates, packets and drops add up, run time and latencies take the worst.
    /// </summary>
    internal static CrankMetadata[] Describe(string source) =>
    [
        new(source, IntervalRxMpps, "Max", "Sum", "Peak RX (Mpps)", "Highest receive rate of a statistics interval, millions of frames per second", "n3"),
        new(source, IntervalTxMpps, "Max", "Sum", "Peak TX (Mpps)", "Highest transmit rate of a statistics interval, millions of frames per second", "n3"),
        new(source, IntervalRxGbps, "Max", "Sum", "Peak RX (Gbit/s)", "Highest receive rate of a statistics interval, wire gigabits per second (FCS, preamble and gap included)", "n3"),
        new(source, IntervalTxGbps, "Max", "Sum", "Peak TX (Gbit/s)", "Highest transmit rate of a statistics interval, wire gigabits per second (FCS, preamble and gap included)", "n3"),
        new(source, "fastpath/elapsed", "Last", "Max", "Run time (s)", "Seconds the workers ran", "n2"),
        new(source, "fastpath/rx-packets", "Last", "Sum", "RX packets", "Frames received over the run", "n0"),
        new(source, "fastpath/tx-packets", "Last", "Sum", "TX packets", "Frames transmitted over the run", "n0"),
        new(source, "fastpath/dropped", "Last", "Sum", "Dropped", "Frames dropped over the run (full TX rings, missed or failed frames)", "n0"),
        new(source, "fastpath/rx-mpps", "Last", "Sum", "RX (Mpps)", "Receive rate averaged over the run, millions of frames per second", "n3"),
        new(source, "fastpath/tx-mpps", "Last", "Sum", "TX (Mpps)", "Transmit rate averaged over the run, millions of frames per second", "n3"),
        new(source, "fastpath/rx-gbps", "Last", "Sum", "RX (Gbit/s)", "Receive rate averaged over the run, wire gigabits per second", "n3"),
        new(source, "fastpath/tx-gbps", "Last", "Sum", "TX (Gbit/s)", "Transmit rate averaged over the run, wire gigabits per second", "n3"),
        new(source, "fastpath/lost", "Last", "Sum", "Lost", "Probes expected from the sequence numbers but never received", "n0"),
        new(source, "fastpath/reordered", "Last", "Sum", "Reordered", "Probes that arrived after a higher sequence number", "n0"),
        new(source, "fastpath/duplicates", "Last", "Sum", "Duplicates", "Probes received twice", "n0"),
        new(source, "fastpath/latency/min", "Last", "Min", "Latency min (us)", "Lowest probe latency, microseconds", "n2"),
        new(source, "fastpath/latency/mean", "Last", "Max", "Latency mean (us)", "Mean probe latency, microseconds", "n2"),
        new(source, "fastpath/latency/p50", "Last", "Max", "Latency p50 (us)", "Median probe latency, microseconds", "n2"),
        new(source, "fastpath/latency/p99", "Last", "Max", "Latency p99 (us)", "99th percentile of probe latency, microseconds", "n2"),
        new(source, "fastpath/latency/p99.9", "Last", "Max", "Latency p99.9 (us)", "99.9th percentile of probe latency, microseconds", "n2"),
        new(source, "fastpath/latency/max", "Last", "Max", "Latency max (us)", "Highest probe latency, microseconds", "n2"),
    ];
}
