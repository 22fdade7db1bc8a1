namespace FastPath.Ports.Virtual.Statistics;

/// <summary>
/// The transmit counters of one queue. Written only by the lcore that uses the queue; other threads read them.
/// </summary>
internal struct TxCounters
{
    /// <summary>Frames sent (or, for a sink, consumed).</summary>
    public ulong Packets;

    /// <summary>Bytes of those frames.</summary>
    public ulong Bytes;

    /// <summary>Frames accepted but dropped (freed) because they could not be sent.</summary>
    public ulong Errors;
}
