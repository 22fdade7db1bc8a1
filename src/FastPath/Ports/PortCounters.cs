namespace FastPath.Ports;

/// <summary>
/// A port's totals, read without allocating by <see cref="IPort.ReadStatistics"/> (the per-queue counters go into the
/// caller's span); <see cref="PortStatistics"/> is the same reading as a self-contained snapshot.
/// </summary>
/// <param name="RxPackets">Frames received and handed to the application.</param>
/// <param name="RxBytes">Bytes of the frames in <paramref name="RxPackets"/>.</param>
/// <param name="RxMissed">Frames the port dropped because no receive buffer or ring slot was free.</param>
/// <param name="RxErrors">Frames received with errors (bad CRC, bad length) and dropped.</param>
/// <param name="RxNoBuffer">Times a receive refill found the mempool exhausted.</param>
/// <param name="TxPackets">Frames transmitted.</param>
/// <param name="TxBytes">Bytes of the frames in <paramref name="TxPackets"/>.</param>
/// <param name="TxErrors">Frames the port failed to transmit.</param>
/// <param name="QueueCount">How many queues the port counts: entries beyond the caller's span were not written.</param>
public readonly record struct PortCounters(
    ulong RxPackets, ulong RxBytes, ulong RxMissed, ulong RxErrors, ulong RxNoBuffer, ulong TxPackets, ulong TxBytes, ulong TxErrors, int QueueCount)
{
    /// <summary>These totals less <paramref name="zero"/>'s (the queue count stays).</summary>
    public PortCounters Minus(in PortCounters zero) => this with
    {
        RxPackets = RxPackets - zero.RxPackets,
        RxBytes = RxBytes - zero.RxBytes,
        RxMissed = RxMissed - zero.RxMissed,
        RxErrors = RxErrors - zero.RxErrors,
        RxNoBuffer = RxNoBuffer - zero.RxNoBuffer,
        TxPackets = TxPackets - zero.TxPackets,
        TxBytes = TxBytes - zero.TxBytes,
        TxErrors = TxErrors - zero.TxErrors,
    };
}
