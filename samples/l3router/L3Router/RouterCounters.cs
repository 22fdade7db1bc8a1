namespace L3Router;

/// <summary>
/// Counts of what the router did with its frames: forwarded per output port, and dropped per cause. Plain
/// fields written by one thread (one per lcore); sum the instances with <see cref="Add"/> to report.
/// </summary>
public sealed class RouterCounters
{
    private readonly long[] _forwarded;

    /// <summary>Creates zeroed counters for ports 0 to <paramref name="portCount"/> - 1.</summary>
    public RouterCounters(int portCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(portCount);
        _forwarded = new long[portCount];
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

    /// <summary>Frames dropped for any cause.</summary>
    public long Dropped => NotIpv4 + Malformed + TtlExpired + Unroutable;

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
            _forwarded[port] += other._forwarded[port];
        NotIpv4 += other.NotIpv4;
        Malformed += other.Malformed;
        TtlExpired += other.TtlExpired;
        Unroutable += other.Unroutable;
    }
}
