using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Statistics;

namespace FastPath.Ports.Virtual.Ring;

/// <summary>A ring port's receive queue: dequeues what the peer's same-numbered transmit queue enqueued.</summary>
internal sealed unsafe class RingRxQueue : IRxQueue
{
    private readonly RingPort _port;
    private readonly Mempool.Rings.Ring _ring;
    internal RxCounters Counters;

    public RingRxQueue(RingPort port, int index, Mempool.Rings.Ring ring)
    {
        _port = port;
        Index = index;
        _ring = ring;
    }

    public int Index { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RxBurst(Span<Packet> packets)
    {
        if (!_port.IsStarted)
        {
            return 0;
        }

        int count = _ring.DequeueBurst(packets);
        ushort portId = _port.Id;
        ushort queue = (ushort)Index;
        ulong bytes = 0;
        ref Packet first = ref MemoryMarshal.GetReference(packets);
        for (int i = 0; i < count; i++)
        {
            PacketBuffer* buffer = Unsafe.Add(ref first, i).Buffer;
            bytes += buffer->DataLength;
            buffer->Port = portId;
            buffer->Queue = queue;
        }

        Counters.Packets += (ulong)count;
        Counters.Bytes += bytes;
        return count;
    }
}
