namespace FastPath.Ports;

/// <summary>
/// What a port's counters read at the last reset, so that <see cref="IPort.ResetStatistics"/> zeroes what the port
/// reports without writing to counters its lcores own: reports are the raw totals minus the baseline. Ports keep one
/// and pass their raw readings through it. Applying it to plain counters allocates nothing.
/// </summary>
public sealed class StatisticsBaseline
{
    private readonly Lock _lock = new();
    private bool _set;
    private PortCounters _totals;
    private QueueStatistics[] _queues = [];
    private Dictionary<string, ulong>? _extended;

    /// <summary>Takes <paramref name="totals"/>, <paramref name="queues"/> and <paramref name="extended"/> as the new zero.</summary>
    public void Reset(in PortCounters totals, ReadOnlySpan<QueueStatistics> queues, IReadOnlyList<ExtendedStatistic> extended)
    {
        ArgumentNullException.ThrowIfNull(extended);
        var values = new Dictionary<string, ulong>(extended.Count, StringComparer.Ordinal);
        foreach (ExtendedStatistic statistic in extended)
        {
            values[statistic.Name] = statistic.Value;
        }

        QueueStatistics[] zeros = queues.ToArray();
        lock (_lock)
        {
            _totals = totals;
            _queues = zeros;
            _extended = values;
            _set = true;
        }
    }

    /// <summary>
    /// The raw <paramref name="totals"/> since the last reset; <paramref name="queues"/>, the raw per-queue counters
    /// read with them, are changed in place.
    /// </summary>
    public PortCounters Apply(in PortCounters totals, Span<QueueStatistics> queues)
    {
        lock (_lock)
        {
            if (!_set)
            {
                return totals;
            }

            foreach (ref QueueStatistics queue in queues)
            {
                queue = Subtract(queue, _queues);
            }

            return totals.Minus(_totals);
        }
    }

    private static QueueStatistics Subtract(QueueStatistics queue, QueueStatistics[] zeros)
    {
        foreach (QueueStatistics z in zeros)
        {
            if (z.Queue == queue.Queue)
            {
                return new QueueStatistics(queue.Queue, queue.RxPackets - z.RxPackets, queue.RxBytes - z.RxBytes, queue.TxPackets - z.TxPackets, queue.TxBytes - z.TxBytes, queue.RxDropped - z.RxDropped);
            }
        }

        return queue;
    }

    /// <summary>The raw named counters <paramref name="extended"/> since the last reset.</summary>
    public IReadOnlyList<ExtendedStatistic> Apply(IReadOnlyList<ExtendedStatistic> extended)
    {
        ArgumentNullException.ThrowIfNull(extended);
        Dictionary<string, ulong>? zero;
        lock (_lock)
        {
            zero = _extended;
        }

        return zero is null ? extended : [.. extended.Select(x => zero.TryGetValue(x.Name, out ulong z) ? x with { Value = x.Value - z } : x)];
    }
}
