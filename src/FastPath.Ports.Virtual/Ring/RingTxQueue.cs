using System.Runtime.CompilerServices;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Statistics;

namespace FastPath.Ports.Virtual.Ring;

/// <summary>A ring port's transmit queue: enqueues into the ring the peer's same-numbered receive queue reads, and wakes that queue's lcore if it sleeps.</summary>
internal sealed class RingTxQueue : ITxQueue
{
    private readonly RingPort _port;
    private readonly Mempool.Rings.Ring _peerRing;
    private readonly RingWakeup _peerWakeup;
    internal TxCounters Counters;

    public RingTxQueue(RingPort port, int index, Mempool.Rings.Ring peerRing, RingWakeup peerWakeup)
    {
        _port = port;
        Index = index;
        _peerRing = peerRing;
        _peerWakeup = peerWakeup;
    }

    public int Index { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TxBurst(ReadOnlySpan<Packet> packets)
    {
        if (!_port.IsStarted)
        {
            return 0;
        }

        if (!_port.IsPeerAttached)
        {
            PacketRelease.FreeAndCountBytes(packets);
            Counters.Errors += (ulong)packets.Length;
            return packets.Length;
        }

        // Lengths are read before the enqueue: once published, the peer may free and reuse the buffers.
        ulong bytes = PacketRelease.CountBytes(packets);
        int count = _peerRing.EnqueueBurst(packets);
        _peerWakeup.AfterEnqueue();
        if (count < packets.Length)
        {
            bytes -= PacketRelease.CountBytes(packets[count..]);
        }

        Counters.Packets += (ulong)count;
        Counters.Bytes += bytes;
        return count;
    }
}
