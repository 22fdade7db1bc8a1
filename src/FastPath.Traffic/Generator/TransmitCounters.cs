namespace FastPath.Traffic.Generator;

/// <summary>
/// A transmitter's own counters: frames handed to the port (accepted by <c>TxBurst</c>), and what kept it from
/// sending more. Written by its lcore, read by any thread.
/// </summary>
public sealed class TransmitCounters
{
    private ulong _packets;
    private ulong _bytes;
    private ulong _allocFailures;
    private ulong _refusedBursts;

    /// <summary>Frames the port accepted.</summary>
    public ulong Packets => Volatile.Read(ref _packets);

    /// <summary>Bytes of the frames the port accepted.</summary>
    public ulong Bytes => Volatile.Read(ref _bytes);

    /// <summary>Bursts for which the mempool had fewer free buffers than asked.</summary>
    public ulong AllocFailures => Volatile.Read(ref _allocFailures);

    /// <summary>Bursts the port took only partly (its ring was full); the rest were retried, not dropped.</summary>
    public ulong RefusedBursts => Volatile.Read(ref _refusedBursts);

    internal void AddSent(int packets, ulong bytes)
    {
        _packets += (ulong)packets;
        _bytes += bytes;
    }

    internal void AddAllocFailure() => _allocFailures++;

    internal void AddRefusedBurst() => _refusedBursts++;
}
