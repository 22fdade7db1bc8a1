namespace FastPath.Ports;

/// <summary>A port's counters: 64-bit totals since the port was opened.</summary>
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
}
