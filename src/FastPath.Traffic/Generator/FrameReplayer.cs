using FastPath.Ports;
using FastPath.Lcores;
using FastPath.Traffic.Rate;

namespace FastPath.Traffic.Generator;

/// <summary>
/// Replays frames from a source port (typically a pcap reader) into a transmit queue, unchanged, at a paced or
/// unlimited rate. Frames the queue refuses are retried, in order.
/// </summary>
public sealed class FrameReplayer : IPollingTask
{
    private readonly IRxQueue _source;
    private readonly PendingBurst _pending;
    private readonly ulong _count;
    private ulong _read;
    private int _idlePolls;

    /// <summary>Creates a replayer from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    /// <param name="source">Where frames come from.</param>
    /// <param name="destination">Where they go.</param>
    /// <param name="rate">The pace, resolved against the destination's line rate.</param>
    /// <param name="count">How many frames to send; 0 sends until the source runs dry or the task is stopped.</param>
    /// <param name="burstSize">Frames per burst.</param>
    public FrameReplayer(IRxQueue source, ITxQueue destination, RateLimit rate, ulong count, int burstSize = FastPath.Mempool.Buffers.PacketBatch.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        _source = source;
        _count = count;
        _pending = new PendingBurst(destination, burstSize, rate, rate.CostOf(Frames.FrameOffsets.MaximumFrameLength), Counters);
    }

    /// <summary>Frames and bytes handed to the destination port.</summary>
    public TransmitCounters Counters { get; } = new();

    /// <summary>
    /// Polls in a row that read nothing and left nothing waiting. Once the source's link is down (a pcap reader after
    /// its last pass), one such poll means the replay is complete.
    /// </summary>
    public int IdlePolls => Volatile.Read(ref _idlePolls);

    /// <inheritdoc />
    public bool IsFinished => _count != 0 && _read == _count && _pending.Count == 0;

    /// <inheritdoc />
    public int Poll()
    {
        int room = _pending.Room;
        if (_count != 0)
        {
            room = (int)Math.Min((ulong)room, _count - _read);
        }

        int got = 0;
        if (room > 0)
        {
            got = _source.RxBurst(_pending.Free[..room]);
            _pending.Added(got);
            _read += (ulong)got;
        }

        int sent = _pending.Transmit();
        Volatile.Write(ref _idlePolls, got == 0 && _pending.Count == 0 ? _idlePolls + 1 : 0);
        return sent;
    }

    /// <summary>Frees frames read but never accepted.</summary>
    public void Finish() => _pending.FreeAll();
}
