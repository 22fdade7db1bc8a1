namespace FastPath.Ports;

/// <summary>
/// What a port's counters read at the last reset, so that <see cref="IPort.ResetStatistics"/> zeroes what the port
/// reports without writing to counters its lcores own: reports are the raw totals minus the baseline. Ports keep one
/// and pass their raw readings through it.
/// </summary>
public sealed class StatisticsBaseline
{
    private readonly Lock _lock = new();
    private PortStatistics? _statistics;
    private Dictionary<string, ulong>? _extended;

    /// <summary>Takes <paramref name="statistics"/> and <paramref name="extended"/> as the new zero.</summary>
    public void Reset(PortStatistics statistics, IReadOnlyList<ExtendedStatistic> extended)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(extended);
        var values = new Dictionary<string, ulong>(extended.Count, StringComparer.Ordinal);
        foreach (ExtendedStatistic statistic in extended)
        {
            values[statistic.Name] = statistic.Value;
        }

        lock (_lock)
        {
            _statistics = statistics;
            _extended = values;
        }
    }

    /// <summary>The raw <paramref name="statistics"/> since the last reset.</summary>
    public PortStatistics Apply(PortStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        PortStatistics? zero;
        lock (_lock)
        {
            zero = _statistics;
        }

        if (zero is null)
        {
            return statistics;
        }

        return new PortStatistics
        {
            RxPackets = statistics.RxPackets - zero.RxPackets,
            RxBytes = statistics.RxBytes - zero.RxBytes,
            RxMissed = statistics.RxMissed - zero.RxMissed,
            RxErrors = statistics.RxErrors - zero.RxErrors,
            RxNoBuffer = statistics.RxNoBuffer - zero.RxNoBuffer,
            TxPackets = statistics.TxPackets - zero.TxPackets,
            TxBytes = statistics.TxBytes - zero.TxBytes,
            TxErrors = statistics.TxErrors - zero.TxErrors,
            Queues = [.. statistics.Queues.Select(q => Subtract(q, zero.Queues))],
        };
    }

    private static QueueStatistics Subtract(QueueStatistics queue, IReadOnlyList<QueueStatistics> zeros)
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
