namespace L3Router;

/// <summary>
/// Counts of what the router did with its frames: forwarded per output port, and dropped per cause. Plain
/// fields written by one thread (one per lcore); sum the instances with <see cref="Add"/> to report.
/// </summary>
public sealed class RouterCounters
{
    private readonly long[] _forwarded;
    private readonly long[] _received;

    /// <summary>Creates zeroed counters for ports 0 to <paramref name="portCount"/> - 1.</summary>
    public RouterCounters(int portCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(portCount);
        _forwarded = new long[portCount];
        _received = new long[portCount];
    }

    /// <summary>Frames received on each port, indexed by port id (what <see cref="RecordReceived"/> counted).</summary>
    public ReadOnlySpan<long> ReceivedPerPort => _received;

    /// <summary>Frames received on any port.</summary>
    public long Received
    {
        get
        {
            long total = 0;
            foreach (long count in _received)
                total += count;
            return total;
        }
    }

    /// <summary>
    /// Frames routed to an output port whose transmit queue was full, so they were freed instead of sent. They are
    /// taken off that port's <see cref="ForwardedPerPort"/>, so every received frame is either forwarded or
    /// dropped for exactly one cause.
    /// </summary>
    public long TxFull { get; private set; }

    /// <summary>Counts <paramref name="count"/> frames received on <paramref name="port"/> (one call per burst).</summary>
    public void RecordReceived(ushort port, int count) => _received[port] += count;

    /// <summary>
    /// Counts <paramref name="count"/> frames that were recorded as forwarded out of <paramref name="port"/> but that
    /// its transmit queue refused: they move from forwarded to the tx-full drops.
    /// </summary>
    public void RecordTxFull(ushort port, int count)
    {
        _forwarded[port] -= count;
        TxFull += count;
    }

    /// <summary>The number of output ports counted.</summary>
    public int PortCount => _forwarded.Length;

    /// <summary>Frames forwarded out of each port, indexed by port id.</summary>
    public ReadOnlySpan<long> ForwardedPerPort => _forwarded;

    /// <summary>Frames forwarded out of any port.</summary>
    public long Forwarded
    {
        get
        {
            long total = 0;
            foreach (long count in _forwarded)
                total += count;
            return total;
        }
    }

    /// <summary>Frames dropped because they were not IPv4.</summary>
    public long NotIpv4 { get; private set; }

    /// <summary>IPv4 frames dropped as malformed.</summary>
    public long Malformed { get; private set; }

    /// <summary>Frames dropped because their TTL was 0 or 1.</summary>
    public long TtlExpired { get; private set; }

    /// <summary>Frames dropped because no route matched.</summary>
    public long Unroutable { get; private set; }

    /// <summary>Frames dropped for any cause, tx-full included.</summary>
    public long Dropped => NotIpv4 + Malformed + TtlExpired + Unroutable + TxFull;

    /// <summary>Counts one result; throws when a forward names a port beyond <see cref="PortCount"/>.</summary>
    public void Record(ForwardResult result)
    {
        switch (result.Action)
        {
            case ForwardAction.Forward: _forwarded[result.Port]++; break;
            case ForwardAction.NotIpv4: NotIpv4++; break;
            case ForwardAction.Malformed: Malformed++; break;
            case ForwardAction.TtlExpired: TtlExpired++; break;
            case ForwardAction.Unroutable: Unroutable++; break;
            default: throw new ArgumentOutOfRangeException(nameof(result), result.Action, "Unknown forward action.");
        }
    }

    /// <summary>Adds every count of <paramref name="other"/> to this instance (to sum the lcores' counters).</summary>
    public void Add(RouterCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.PortCount != PortCount)
            throw new ArgumentException($"Counters for {other.PortCount} ports cannot be added to counters for {PortCount} ports.", nameof(other));
        for (int port = 0; port < _forwarded.Length; port++)
        {
            _forwarded[port] += other._forwarded[port];
            _received[port] += other._received[port];
        }
        TxFull += other.TxFull;
        NotIpv4 += other.NotIpv4;
        Malformed += other.Malformed;
        TtlExpired += other.TtlExpired;
        Unroutable += other.Unroutable;
    }
}
