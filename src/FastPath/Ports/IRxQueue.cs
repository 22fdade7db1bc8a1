using FastPath.Mempool.Buffers;

namespace FastPath.Ports;

/// <summary>One receive queue of a port, polled by a single lcore.</summary>
public interface IRxQueue
{
    /// <summary>The queue's index in its port.</summary>
    int Index { get; }

    /// <summary>
    /// Receives up to <c>packets.Length</c> frames into <paramref name="packets"/>. Never blocks; the caller owns the
    /// returned packets and must free or transmit them.
    /// </summary>
    /// <returns>How many packets were received (0 when none were waiting).</returns>
    int RxBurst(Span<Packet> packets);

    /// <summary>What an idle lcore can sleep on until this queue has traffic; null when the queue has none (a null port).</summary>
    IWakeSource? WakeSource => null;
}
