using System.Text;
using FastPath.Traffic.Receiver;

namespace FastPath.Hosting.Screen;

/// <summary>
/// pktgen --rx's lines on the live screen: probes, streams, loss, reordering, duplicates and the latency percentiles,
/// combined from the running receivers (<see cref="ReceiverSummary.Combine"/>) on every redraw. Read while the
/// receivers run, the counts are a moment's view, not a verdict; the summary at exit is taken once they stopped.
/// A redraw allocates the combined summary (a histogram and a small dictionary of streams).
/// </summary>
public static class ReceiverSection
{
    /// <summary>The section for <paramref name="receivers"/>.</summary>
    public static ScreenSection For(IReadOnlyList<TrafficReceiver> receivers)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        return text => Append(text, ReceiverSummary.Combine(receivers));
    }

    /// <summary>Appends the lines for <paramref name="summary"/>.</summary>
    public static void Append(StringBuilder text, ReceiverSummary summary)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(summary);
        LatencyHistogram latency = summary.Latency;
        text.AppendLine()
            .Append("probes ").Number(summary.Probes).Append(" in ").Number((ulong)summary.Streams).Append(" stream(s), foreign ").Number(summary.Foreign)
            .Append("; lost ").Number(summary.Lost).Append(", reordered ").Number(summary.Reordered).Append(", duplicates ").Number(summary.Duplicates).AppendLine()
            .Append("latency ns: min ").Number(latency.Min).Append(", p50 ").Number(latency.Percentile(50)).Append(", p99 ").Number(latency.Percentile(99))
            .Append(", p99.9 ").Number(latency.Percentile(99.9)).Append(", max ").Number(latency.Max).AppendLine();
    }
}
