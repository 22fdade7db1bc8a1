namespace FastPath.Ports.Virtual.Statistics;

/// <summary>
/// The statistics half every virtual port shares: it reads the port's queue counters into arrays it keeps, sums
/// them (queue <c>i</c> pairs receive counters <c>i</c> with transmit counters <c>i</c>; a missing side counts zero)
/// and applies the port's reset baseline. A plain reading allocates nothing.
/// </summary>
internal sealed class VirtualPortStatistics
{
    private readonly Lock _lock = new();
    private readonly StatisticsBaseline _baseline = new();
    private readonly CounterReader _read;
    private RxCounters[] _rx;
    private TxCounters[] _tx;

    /// <summary>Reads <paramref name="read"/>'s counters for <paramref name="rxQueues"/> and <paramref name="txQueues"/> queues.</summary>
    public VirtualPortStatistics(int rxQueues, int txQueues, CounterReader read)
    {
        ArgumentNullException.ThrowIfNull(read);
        _read = read;
        _rx = new RxCounters[rxQueues];
        _tx = new TxCounters[txQueues];
    }

    /// <summary>Fills each queue's raw counters (called under the reading's lock, one reading at a time).</summary>
    internal delegate void CounterReader(Span<RxCounters> rx, Span<TxCounters> tx);

    /// <summary>Follows a reconfiguration to new queue counts and takes the new queues' counters as zero.</summary>
    public void Resize(int rxQueues, int txQueues)
    {
        lock (_lock)
        {
            _rx = new RxCounters[rxQueues];
            _tx = new TxCounters[txQueues];
        }

        Reset();
    }

    /// <inheritdoc cref="IPort.ReadStatistics"/>
    public PortCounters Read(Span<QueueStatistics> queues)
    {
        PortCounters raw = ReadRaw(queues);
        return _baseline.Apply(raw, queues[..Math.Min(queues.Length, raw.QueueCount)]);
    }

    /// <inheritdoc cref="IPort.GetExtendedStatistics"/>
    public IReadOnlyList<ExtendedStatistic> ReadExtended() => _baseline.Apply(ExtendedStatistic.From(Snapshot(out _, out _)));

    /// <inheritdoc cref="IPort.ResetStatistics"/>
    public void Reset()
    {
        PortStatistics raw = Snapshot(out PortCounters totals, out QueueStatistics[] queues);
        _baseline.Reset(totals, queues, ExtendedStatistic.From(raw));
    }

    private PortStatistics Snapshot(out PortCounters totals, out QueueStatistics[] queues)
    {
        lock (_lock)
        {
            queues = new QueueStatistics[Math.Max(_rx.Length, _tx.Length)];
            totals = ReadRaw(queues);
        }

        return PortStatistics.From(totals, queues);
    }

    private PortCounters ReadRaw(Span<QueueStatistics> queues)
    {
        lock (_lock)
        {
            _read(_rx, _tx);
            return Sum(_rx, _tx, queues);
        }
    }

    private static PortCounters Sum(ReadOnlySpan<RxCounters> rx, ReadOnlySpan<TxCounters> tx, Span<QueueStatistics> queues)
    {
        int queueCount = Math.Max(rx.Length, tx.Length);
        RxCounters rxTotal = default;
        TxCounters txTotal = default;
        for (int i = 0; i < queueCount; i++)
        {
            RxCounters r = i < rx.Length ? rx[i] : default;
            TxCounters t = i < tx.Length ? tx[i] : default;
            if (i < queues.Length)
            {
                queues[i] = new QueueStatistics(i, r.Packets, r.Bytes, t.Packets, t.Bytes, r.Missed + r.Errors);
            }

            rxTotal.Packets += r.Packets;
            rxTotal.Bytes += r.Bytes;
            rxTotal.Missed += r.Missed;
            rxTotal.Errors += r.Errors;
            rxTotal.NoBuffer += r.NoBuffer;
            txTotal.Packets += t.Packets;
            txTotal.Bytes += t.Bytes;
            txTotal.Errors += t.Errors;
        }

        return new PortCounters(rxTotal.Packets, rxTotal.Bytes, rxTotal.Missed, rxTotal.Errors, rxTotal.NoBuffer, txTotal.Packets, txTotal.Bytes, txTotal.Errors, queueCount);
    }
}
