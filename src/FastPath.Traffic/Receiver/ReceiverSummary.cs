using FastPath.Traffic.Frames;

namespace FastPath.Traffic.Receiver;

/// <summary>
/// The verdict over every receive queue: per stream, the frames expected are those from the lowest to the highest
/// sequence number seen, and those missing are lost. Duplicates are detected within one queue only.
/// </summary>
public sealed record ReceiverSummary
{
    /// <summary>Frames received.</summary>
    public ulong Packets { get; init; }

    /// <summary>Bytes received.</summary>
    public ulong Bytes { get; init; }

    /// <summary>Frames with a probe header.</summary>
    public ulong Probes { get; init; }

    /// <summary>Frames without one.</summary>
    public ulong Foreign { get; init; }

    /// <summary>Probes that came in 802.1Q-tagged frames.</summary>
    public ulong Tagged { get; init; }

    /// <summary>The distinct VLAN ids the tagged probes carried.</summary>
    public int VlanIds { get; init; }

    /// <summary>The lowest VLAN id seen; -1 when none.</summary>
    public int LowestVlan { get; init; } = -1;

    /// <summary>The highest VLAN id seen; -1 when none.</summary>
    public int HighestVlan { get; init; } = -1;

    /// <summary>Streams seen.</summary>
    public int Streams { get; init; }

    /// <summary>Frames expected from the sequence numbers: per stream, highest − lowest + 1.</summary>
    public ulong Expected { get; init; }

    /// <summary>Distinct sequence numbers received.</summary>
    public ulong Unique { get; init; }

    /// <summary>Expected but never received.</summary>
    public ulong Lost => Expected > Unique ? Expected - Unique : 0;

    /// <summary>Frames that arrived after a higher sequence number.</summary>
    public ulong Reordered { get; init; }

    /// <summary>Frames received twice.</summary>
    public ulong Duplicates { get; init; }

    /// <summary>The latencies of all probes.</summary>
    public LatencyHistogram Latency { get; init; } = new();

    /// <summary>Combines the receivers' findings; call once they have stopped.</summary>
    public static ReceiverSummary Combine(IEnumerable<TrafficReceiver> receivers)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        var latency = new LatencyHistogram();
        var ranges = new Dictionary<ushort, (ulong First, ulong Highest)>();
        ulong packets = 0, bytes = 0, probes = 0, foreign = 0, unique = 0, reordered = 0, duplicates = 0, tagged = 0;
        int vlanIds = 0, lowestVlan = -1, highestVlan = -1;
        var onVlan = new bool[VlanTags.MaximumId + 2];
        foreach (TrafficReceiver receiver in receivers)
        {
            tagged += receiver.Tagged;
            for (int id = 0; receiver.Tagged != 0 && id < onVlan.Length; id++)
            {
                onVlan[id] |= receiver.ProbesOnVlan(id) != 0;
            }

            packets += receiver.Packets;
            bytes += receiver.Bytes;
            probes += receiver.Probes;
            foreign += receiver.Foreign;
            latency.Add(receiver.Latency);
            foreach ((ushort stream, SequenceTracker tracker) in receiver.Streams)
            {
                unique += tracker.Received - tracker.Duplicates;
                reordered += tracker.Reordered;
                duplicates += tracker.Duplicates;
                ranges[stream] = ranges.TryGetValue(stream, out var range)
                    ? (Math.Min(range.First, tracker.First), Math.Max(range.Highest, tracker.Highest))
                    : (tracker.First, tracker.Highest);
            }
        }

        for (int id = 0; id < onVlan.Length; id++)
        {
            if (onVlan[id])
            {
                vlanIds++;
                lowestVlan = lowestVlan < 0 ? id : lowestVlan;
                highestVlan = id;
            }
        }

        ulong expected = 0;
        foreach ((ulong first, ulong highest) in ranges.Values)
        {
            expected += highest - first + 1;
        }

        return new ReceiverSummary
        {
            Packets = packets,
            Bytes = bytes,
            Probes = probes,
            Foreign = foreign,
            Tagged = tagged,
            VlanIds = vlanIds,
            LowestVlan = lowestVlan,
            HighestVlan = highestVlan,
            Streams = ranges.Count,
            Expected = expected,
            Unique = unique,
            Reordered = reordered,
            Duplicates = duplicates,
            Latency = latency,
        };
    }
}
