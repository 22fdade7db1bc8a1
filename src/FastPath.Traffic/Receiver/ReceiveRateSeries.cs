namespace FastPath.Traffic.Receiver;

/// <summary>
/// Frames and bytes received in each second of a run, for a plot of the receive rate over time. The arrays are made
/// once for <see cref="Capacity"/> seconds and <see cref="Record"/> only writes into them, so sampling allocates
/// nothing however long the run; seconds beyond the capacity are counted in <see cref="Dropped"/>, not kept.
/// </summary>
public sealed class ReceiveRateSeries
{
    private readonly ulong[] _packets;
    private readonly ulong[] _bytes;
    private ulong _lastPackets;
    private ulong _lastBytes;

    /// <summary>Creates a series that keeps up to <paramref name="capacity"/> seconds.</summary>
    public ReceiveRateSeries(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _packets = new ulong[capacity];
        _bytes = new ulong[capacity];
    }

    /// <summary>How many seconds the series keeps.</summary>
    public int Capacity => _packets.Length;

    /// <summary>How many seconds it holds.</summary>
    public int Count { get; private set; }

    /// <summary>Seconds recorded after the series was full.</summary>
    public int Dropped { get; private set; }

    /// <summary>The frames received in second <paramref name="index"/>.</summary>
    public ulong PacketsAt(int index) => _packets[CheckIndex(index)];

    /// <summary>The bytes received in second <paramref name="index"/>.</summary>
    public ulong BytesAt(int index) => _bytes[CheckIndex(index)];

    /// <summary>Ends a second: keeps what the cumulative totals grew by since the previous call (or since zero).</summary>
    /// <param name="totalPackets">Frames received since the start.</param>
    /// <param name="totalBytes">Bytes received since the start.</param>
    public void Record(ulong totalPackets, ulong totalBytes)
    {
        ulong packets = totalPackets - _lastPackets, bytes = totalBytes - _lastBytes;
        _lastPackets = totalPackets;
        _lastBytes = totalBytes;
        if (Count == _packets.Length)
        {
            Dropped++;
            return;
        }

        _packets[Count] = packets;
        _bytes[Count] = bytes;
        Count++;
    }

    private int CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return index;
    }
}
