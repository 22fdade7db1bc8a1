using System.Text;
using FastPath.Traffic.Receiver;

namespace FastPath.Hosting.Screen;

/// <summary>
/// pktgen --rx's lines on the live screen: probes, streams, loss, reordering, duplicates and the latency percentiles,
/// combined from the running receivers on every redraw as <see cref="ReceiverSummary.Combine"/> combines them at exit
/// (per stream, the frames expected run from the lowest to the highest sequence number seen). Read while the
/// receivers run, the counts are a moment's view, not a verdict. A redraw allocates nothing: the latencies merge into
/// one histogram the section keeps, and the streams' ranges into two arrays it keeps.
/// </summary>
public sealed class ReceiverSection
{
    private const int StreamSlots = ushort.MaxValue + 1;
    private readonly IReadOnlyList<TrafficReceiver> _receivers;
    private readonly LatencyHistogram _latency = new();
    private readonly ulong[] _first = new ulong[StreamSlots];
    private readonly ulong[] _highest = new ulong[StreamSlots];
    private readonly bool[] _seen = new bool[StreamSlots];

    private ReceiverSection(IReadOnlyList<TrafficReceiver> receivers) => _receivers = receivers;

    /// <summary>The section for <paramref name="receivers"/>.</summary>
    public static ScreenSection For(IReadOnlyList<TrafficReceiver> receivers)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        return new ReceiverSection(receivers).Append;
    }

    /// <summary>Appends the lines for the receivers as they are now.</summary>
    public void Append(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong probes = 0, foreign = 0, unique = 0, reordered = 0, duplicates = 0, expected = 0;
        int streams = 0;
        _latency.Clear();
        Array.Clear(_seen);
        for (int r = 0; r < _receivers.Count; r++)
        {
            TrafficReceiver receiver = _receivers[r];
            probes += receiver.Probes;
            foreign += receiver.Foreign;
            _latency.Add(receiver.Latency);
            for (int stream = 0; stream < StreamSlots; stream++)
            {
                if (receiver.StreamTracker((ushort)stream) is not { Started: true } tracker)
                {
                    continue;
                }

                unique += tracker.Received - tracker.Duplicates;
                reordered += tracker.Reordered;
                duplicates += tracker.Duplicates;
                if (!_seen[stream])
                {
                    (_seen[stream], _first[stream], _highest[stream]) = (true, tracker.First, tracker.Highest);
                    streams++;
                }
                else
                {
                    (_first[stream], _highest[stream]) = (Math.Min(_first[stream], tracker.First), Math.Max(_highest[stream], tracker.Highest));
                }
            }
        }

        for (int stream = 0; stream < StreamSlots; stream++)
        {
            expected += _seen[stream] ? _highest[stream] - _first[stream] + 1 : 0;
        }

        text.AppendLine()
            .Append("probes ").Number(probes).Append(" in ").Number((ulong)streams).Append(" stream(s), foreign ").Number(foreign)
            .Append("; lost ").Number(expected > unique ? expected - unique : 0).Append(", reordered ").Number(reordered).Append(", duplicates ").Number(duplicates).AppendLine()
            .Append("latency ns: min ").Number(_latency.Min).Append(", p50 ").Number(_latency.Percentile(50)).Append(", p99 ").Number(_latency.Percentile(99))
            .Append(", p99.9 ").Number(_latency.Percentile(99.9)).Append(", max ").Number(_latency.Max).AppendLine();
    }
}
