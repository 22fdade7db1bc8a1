using FastPath.Mempool.Buffers;

namespace FastPath.Ports;

/// <summary>One transmit queue of a port, used by a single lcore.</summary>
public interface ITxQueue
{
    /// <summary>The queue's index in its port.</summary>
    int Index { get; }

    /// <summary>
    /// Queues the leading packets of <paramref name="packets"/> for transmission. Never blocks. The port owns the
    /// accepted packets and returns them to their pool once sent; the caller keeps ownership of the rest (a full
    /// ring), and must retry, or free them and count a drop.
    /// </summary>
    /// <returns>How many packets, from the front, were accepted.</returns>
    int TxBurst(ReadOnlySpan<Packet> packets);
}
