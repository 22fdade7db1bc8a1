namespace FastPath.Ports;

/// <summary>
/// A port's counters as one snapshot: 64-bit totals since the port was opened (or last reset), with every queue's.
/// <see cref="PortStatisticsExtensions.GetStatistics"/> makes one; per-interval readers that must not allocate call
/// <see cref="IPort.ReadStatistics"/> with a span of their own instead.
/// </summary>
public sealed record PortStatistics
{
    /// <summary>Frames received and handed to the application.</summary>
    public ulong RxPackets { get; init; }

    /// <summary>Bytes of the frames in <see cref="RxPackets"/>.</summary>
    public ulong RxBytes { get; init; }

    /// <summary>Frames the port dropped because no receive buffer or ring slot was free.</summary>
    public ulong RxMissed { get; init; }

    /// <summary>Frames received with errors (bad CRC, bad length) and dropped.</summary>
    public ulong RxErrors { get; init; }

    /// <summary>Times a receive refill found the mempool exhausted.</summary>
    public ulong RxNoBuffer { get; init; }

    /// <summary>Frames transmitted.</summary>
    public ulong TxPackets { get; init; }

    /// <summary>Bytes of the frames in <see cref="TxPackets"/>.</summary>
    public ulong TxBytes { get; init; }

    /// <summary>Frames the port failed to transmit.</summary>
    public ulong TxErrors { get; init; }

    /// <summary>Per-queue counters, where the port counts per queue.</summary>
    public IReadOnlyList<QueueStatistics> Queues { get; init; } = [];

    /// <summary>The snapshot of <paramref name="totals"/> and the <paramref name="queues"/> read with them.</summary>
    public static PortStatistics From(in PortCounters totals, ReadOnlySpan<QueueStatistics> queues) => new()
    {
        RxPackets = totals.RxPackets,
        RxBytes = totals.RxBytes,
        RxMissed = totals.RxMissed,
        RxErrors = totals.RxErrors,
        RxNoBuffer = totals.RxNoBuffer,
        TxPackets = totals.TxPackets,
        TxBytes = totals.TxBytes,
        TxErrors = totals.TxErrors,
        Queues = queues.ToArray(),
    };
}
