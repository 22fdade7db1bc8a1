using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;
using FastPath.Ports.Virtual.AfXdp.Interop;
using FastPath.Ports.Virtual.Statistics;

namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>
/// Transmits through one AF_XDP socket. A packet of the port's pool is already in the UMEM, so its descriptor just
/// points at it; a packet of another pool is first copied into one of ours. The kernel hands sent buffers back on
/// the completion ring, which each burst drains into the pool in bulk before it queues more.
/// </summary>
internal sealed unsafe class AfXdpTxQueue : ITxQueue
{
    private const int MinimumFrameLength = 14;
    private const int CompletionBatch = 64;

    private readonly AfXdpPort _port;
    private readonly XskSocket _socket;
    private readonly PacketPool _pool;
    private readonly KernelHeldBuffers _held;
    private readonly nint _umem;
    private readonly uint _maximumFrameLength;
    private readonly Packet[] _completed = new Packet[CompletionBatch];
    private readonly Packet[] _copy = new Packet[1];
    internal TxCounters Counters;

    public AfXdpTxQueue(AfXdpPort port, int index, XskSocket socket, PacketPool pool, KernelHeldBuffers held, uint maximumFrameLength)
    {
        _port = port;
        Index = index;
        _socket = socket;
        _pool = pool;
        _held = held;
        _umem = pool.Region.Address;
        _maximumFrameLength = maximumFrameLength;
    }

    public int Index { get; }

    public int TxBurst(ReadOnlySpan<Packet> packets)
    {
        if (!_port.IsStarted || packets.IsEmpty)
        {
            return 0;
        }

        ReapCompletions();
        XskProducerRing tx = _socket.Tx;
        uint room = tx.Reserve((uint)packets.Length, out uint first);
        if (room == 0)
        {
            KickIfAsked(tx);
            return 0;
        }

        ref Packet source = ref MemoryMarshal.GetReference(packets);
        XdpDescriptor* descriptors = (XdpDescriptor*)tx.Entries;
        uint mask = tx.Mask;
        ushort poolId = _pool.Id;
        uint queued = 0;
        int accepted = 0;
        ulong bytes = 0;
        for (; accepted < (int)room; accepted++)
        {
            PacketBuffer* buffer = Unsafe.Add(ref source, accepted).Buffer;
            uint length = buffer->DataLength;

            // One descriptor per frame: a chain would need multi-buffer sockets (XDP_USE_SG), which the port does not bind.
            if (buffer->Next != null || length - MinimumFrameLength > _maximumFrameLength - MinimumFrameLength)
            {
                Counters.Errors++;
                PacketPool.FromId(buffer->PoolId).Free(new Packet(buffer));
                continue;
            }

            if (buffer->PoolId != poolId && (buffer = CopyIntoPool(buffer)) == null)
            {
                break;
            }

            _held.Mark(buffer);
            ref XdpDescriptor descriptor = ref descriptors[(first + queued) & mask];
            descriptor.Address = (ulong)((nint)buffer + PacketLayout.MetadataSize - _umem) | ((ulong)buffer->DataOffset << XdpConstants.UnalignedOffsetShift);
            descriptor.Length = length;
            descriptor.Options = 0;
            queued++;
            bytes += length;
        }

        if (queued != 0)
        {
            tx.Submit(queued);
            KickIfAsked(tx);
        }

        Counters.Packets += queued;
        Counters.Bytes += bytes;
        return accepted;
    }

    /// <summary>Returns the buffers the kernel has sent to the pool, in bulk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReapCompletions()
    {
        XskConsumerRing completion = _socket.Completion;
        uint done;
        while ((done = completion.Peek(CompletionBatch, out uint first)) != 0)
        {
            ulong* entries = (ulong*)completion.Entries;
            uint mask = completion.Mask;
            Span<Packet> buffers = _completed.AsSpan(0, (int)done);
            for (int i = 0; i < buffers.Length; i++)
            {
                ulong chunk = entries[(first + (uint)i) & mask] & XdpConstants.UnalignedAddressMask;
                PacketBuffer* buffer = (PacketBuffer*)(_umem + (nint)chunk - PacketLayout.MetadataSize);
                _held.Clear(buffer);
                buffers[i] = new Packet(buffer);
            }

            completion.Release(done);
            _pool.PutBulk(buffers);
        }
    }

    /// <summary>Kicks the kernel's transmit with sendto only when the ring's need-wakeup flag asks for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void KickIfAsked(XskProducerRing tx)
    {
        if (tx.NeedsWakeup)
        {
            _socket.KickTransmit();
        }
    }

    /// <summary>Copies a frame of another pool into one of ours and frees the original; null when ours is exhausted.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private PacketBuffer* CopyIntoPool(PacketBuffer* foreign)
    {
        if (!_pool.TryGetBulk(_copy))
        {
            return null;
        }

        PacketBuffer* buffer = _copy[0].Buffer;
        buffer->DataOffset = (ushort)_pool.Headroom;
        buffer->DataLength = foreign->DataLength;
        buffer->PacketLength = foreign->DataLength;
        var original = new Packet(foreign);
        Unsafe.CopyBlockUnaligned(new Packet(buffer).DataPointer, original.DataPointer, foreign->DataLength);
        PacketPool.FromId(foreign->PoolId).Free(original);
        return buffer;
    }
}
