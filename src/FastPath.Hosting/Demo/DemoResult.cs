using System.Globalization;
using System.Text;
using FastPath.Hosting.Statistics;
using FastPath.Traffic.Receiver;

namespace FastPath.Hosting.Demo;

/// <summary>What the demo pipeline measured, and its verdict.</summary>
public sealed record DemoResult
{
    /// <summary>How long traffic ran, from the start of the workers to the end of draining.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Frames the generator handed to its port (accepted by TxBurst).</summary>
    public required ulong Sent { get; init; }

    /// <summary>Sequence numbers the generator gave out; equals <see cref="Sent"/> once it has stopped.</summary>
    public required ulong Built { get; init; }

    /// <summary>The final rows: generator, l2fwd ports, receiver.</summary>
    public required StatsRow[] Rows { get; init; }

    /// <summary>Frames the forwarder dropped on full transmit rings.</summary>
    public required ulong ForwarderDropped { get; init; }

    /// <summary>The receiver's verdict.</summary>
    public required ReceiverSummary Received { get; init; }

    /// <summary>Whether every buffer went back to the pool.</summary>
    public required bool AllBuffersReturned { get; init; }

    /// <summary>The pool audit lines.</summary>
    public required IReadOnlyList<string> PoolAudit { get; init; }

    /// <summary>
    /// Whether every frame sent arrived exactly once: sequence numbers 0 to Sent − 1 all present, none lost, none
    /// duplicated, nothing dropped on the way, every buffer back.
    /// </summary>
    public bool Passed =>
        Sent > 0 && Built == Sent && Received.Probes == Sent && Received.Expected == Sent && Received.Unique == Sent &&
        Received.Lost == 0 && Received.Duplicates == 0 && ForwarderDropped == 0 && AllBuffersReturned;

    /// <summary>The verdict and the figures behind it, for the console.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        double seconds = Elapsed.TotalSeconds;
        text.Append(StatsTable.FormatSummary(Rows, seconds));
        ReceiverSummary r = Received;
        text.AppendLine(CultureInfo.InvariantCulture, $"generator: {Sent} frames handed to its port ({Throughput.Mpps(Sent, seconds):0.000} Mpps end to end)");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"receiver: {r.Packets} frames, {r.Probes} probes in {r.Streams} stream(s); expected {r.Expected}, unique {r.Unique}, lost {r.Lost}, reordered {r.Reordered}, duplicates {r.Duplicates}, foreign {r.Foreign}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"latency: min {r.Latency.Min} ns, avg {r.Latency.Mean:0} ns, p50 {r.Latency.Percentile(50)} ns, p99 {r.Latency.Percentile(99)} ns, p99.9 {r.Latency.Percentile(99.9)} ns, max {r.Latency.Max} ns");
        text.AppendLine(CultureInfo.InvariantCulture, $"l2fwd: {ForwarderDropped} frames dropped on full TX rings");
        foreach (string line in PoolAudit)
        {
            text.AppendLine(line);
        }

        text.AppendLine(Passed
            ? $"PASS: zero loss, all sequence numbers 0..{Sent - 1} received once, all buffers returned"
            : "FAIL: frames were lost, duplicated or dropped, or buffers leaked (see above)");
        return text.ToString();
    }
}
