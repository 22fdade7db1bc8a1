namespace FastPath.Ports.Virtual.Statistics;

/// <summary>Sums per-queue counters into a <see cref="PortStatistics"/>.</summary>
internal static class PortStatisticsBuilder
{
    /// <summary>
    /// Builds the port totals and the per-queue list; queue <c>i</c> pairs <paramref name="rx"/>[i] with
    /// <paramref name="tx"/>[i] (a missing side counts zero).
    /// </summary>
    public static PortStatistics Build(ReadOnlySpan<RxCounters> rx, ReadOnlySpan<TxCounters> tx)
    {
        int queueCount = Math.Max(rx.Length, tx.Length);
        var queues = new QueueStatistics[queueCount];
        RxCounters rxTotal = default;
        TxCounters txTotal = default;
        for (int i = 0; i < queueCount; i++)
        {
            RxCounters r = i < rx.Length ? rx[i] : default;
            TxCounters t = i < tx.Length ? tx[i] : default;
            queues[i] = new QueueStatistics(i, r.Packets, r.Bytes, t.Packets, t.Bytes, r.Missed + r.Errors);
            rxTotal.Packets += r.Packets;
            rxTotal.Bytes += r.Bytes;
            rxTotal.Missed += r.Missed;
            rxTotal.Errors += r.Errors;
            rxTotal.NoBuffer += r.NoBuffer;
            txTotal.Packets += t.Packets;
            txTotal.Bytes += t.Bytes;
            txTotal.Errors += t.Errors;
        }

        return new PortStatistics
        {
            RxPackets = rxTotal.Packets,
            RxBytes = rxTotal.Bytes,
            RxMissed = rxTotal.Missed,
            RxErrors = rxTotal.Errors,
            RxNoBuffer = rxTotal.NoBuffer,
            TxPackets = txTotal.Packets,
            TxBytes = txTotal.Bytes,
            TxErrors = txTotal.Errors,
            Queues = queues,
        };
    }
}
