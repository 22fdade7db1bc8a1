namespace FastPath.Ports;

/// <summary>One named counter of a port, as DPDK's <c>rte_eth_xstat</c>: <c>rx_good_packets</c>, <c>rx_q0_packets</c>, a hardware counter.</summary>
/// <param name="Name">The counter's name, lower case with underscores.</param>
/// <param name="Value">Its value.</param>
public readonly record struct ExtendedStatistic(string Name, ulong Value)
{
    /// <summary>The named counters of plain <paramref name="statistics"/>: totals first, then each queue's, with DPDK's names.</summary>
    public static IReadOnlyList<ExtendedStatistic> From(PortStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var list = new List<ExtendedStatistic>(8 + (statistics.Queues.Count * 5))
        {
            new("rx_good_packets", statistics.RxPackets),
            new("tx_good_packets", statistics.TxPackets),
            new("rx_good_bytes", statistics.RxBytes),
            new("tx_good_bytes", statistics.TxBytes),
            new("rx_missed_errors", statistics.RxMissed),
            new("rx_errors", statistics.RxErrors),
            new("tx_errors", statistics.TxErrors),
            new("rx_mbuf_allocation_errors", statistics.RxNoBuffer),
        };
        foreach (QueueStatistics queue in statistics.Queues)
        {
            list.Add(new($"rx_q{queue.Queue}_packets", queue.RxPackets));
            list.Add(new($"rx_q{queue.Queue}_bytes", queue.RxBytes));
            list.Add(new($"rx_q{queue.Queue}_errors", queue.RxDropped));
            list.Add(new($"tx_q{queue.Queue}_packets", queue.TxPackets));
            list.Add(new($"tx_q{queue.Queue}_bytes", queue.TxBytes));
        }

        return list;
    }
}
