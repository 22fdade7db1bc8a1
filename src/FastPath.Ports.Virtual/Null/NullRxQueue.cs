using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Statistics;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.Null;

/// <summary>A null port's receive queue: nothing, or a burst of synthetic frames taken straight from the pool.</summary>
internal sealed unsafe class NullRxQueue : IRxQueue
{
    private readonly NullPort _port;
    private readonly PacketPool? _pool;
    private readonly ushort _frameLength;
    private readonly ushort _headroom;
    internal RxCounters Counters;

    public NullRxQueue(NullPort port, int index, PacketPool? pool, int frameLength)
    {
        _port = port;
        Index = index;
        _pool = pool;
        _frameLength = (ushort)frameLength;
        _headroom = (ushort)(pool?.Headroom ?? 0);
    }

    public int Index { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RxBurst(Span<Packet> packets)
    {
        PacketPool? pool = _pool;
        if (pool is null || packets.IsEmpty || !_port.IsStarted)
        {
            return 0;
        }

        int count = packets.Length;
        if (!pool.TryGetBulk(packets))
        {
            Counters.NoBuffer++;
            count = pool.Alloc(packets);
        }

        ushort headroom = _headroom;
        ushort length = _frameLength;
        ushort portId = _port.Id;
        ushort queue = (ushort)Index;
        ref Packet first = ref MemoryMarshal.GetReference(packets);
        for (int i = 0; i < count; i++)
        {
            PacketBuffer* buffer = Unsafe.Add(ref first, i).Buffer;
            buffer->DataOffset = headroom;
            buffer->DataLength = length;
            buffer->PacketLength = length;
            buffer->Port = portId;
            buffer->Queue = queue;
            buffer->Flags = PacketFlags.None;
        }

        Counters.Packets += (ulong)count;
        Counters.Bytes += (ulong)count * length;
        return count;
    }
}
