using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.AfPacket.Interop;
using FastPath.Ports.Virtual.Statistics;

namespace FastPath.Ports.Virtual.AfPacket;

/// <summary>
/// Receives from a TPACKET_V3 ring: walks the frames of each block the kernel has handed over, copies each into a
/// mempool buffer, and gives the block back once every frame in it has been taken.
/// </summary>
internal sealed unsafe class AfPacketRxQueue : IRxQueue
{
    private readonly AfPacketPort _port;
    private readonly PacketSocket _socket;
    private readonly FastPath.Mempool.Pools.Mempool _pool;
    private readonly ushort _headroom;
    private readonly uint _dataRoom;
    private int _block;
    private uint _framesLeftInBlock;
    private byte* _nextFrame;
    internal RxCounters Counters;

    public AfPacketRxQueue(AfPacketPort port, int index, PacketSocket socket, FastPath.Mempool.Pools.Mempool pool)
    {
        _port = port;
        Index = index;
        _socket = socket;
        _pool = pool;
        _headroom = (ushort)pool.Headroom;
        _dataRoom = (uint)pool.DataRoom;
    }

    public int Index { get; }

    public int RxBurst(Span<Packet> packets)
    {
        if (!_port.IsStarted)
        {
            return 0;
        }

        int received = 0;
        while (received < packets.Length)
        {
            if (_framesLeftInBlock == 0 && !TryOpenNextBlock())
            {
                break;
            }

            Span<Packet> target = packets.Slice(received, (int)Math.Min((uint)(packets.Length - received), _framesLeftInBlock));
            int allocated = target.Length;
            if (!_pool.TryGetBulk(target))
            {
                Counters.NoBuffer++;
                allocated = _pool.Alloc(target);
                if (allocated == 0)
                {
                    break;
                }
            }

            int filled = CopyFrames(target[..allocated]);
            if (filled < allocated)
            {
                _pool.PutBulk(target[filled..allocated]);
            }

            received += filled;
            if (_framesLeftInBlock == 0)
            {
                ReleaseBlock();
            }
        }

        return received;
    }

    /// <summary>Waits until a block is ready or <paramref name="timeoutMs"/> passes.</summary>
    public bool WaitForFrames(int timeoutMs) =>
        _framesLeftInBlock != 0 || (Volatile.Read(ref CurrentBlock->BlockStatus) & LinuxConstants.TpStatusUser) != 0 || _socket.PollReadable(timeoutMs);

    private TPacketBlockDescriptor* CurrentBlock => (TPacketBlockDescriptor*)(_socket.RxRing + (nint)_block * _socket.RxBlockSize);

    private bool TryOpenNextBlock()
    {
        TPacketBlockDescriptor* block = CurrentBlock;
        while ((Volatile.Read(ref block->BlockStatus) & LinuxConstants.TpStatusUser) != 0)
        {
            if (block->PacketCount != 0)
            {
                _framesLeftInBlock = block->PacketCount;
                _nextFrame = (byte*)block + block->OffsetToFirstPacket;
                return true;
            }

            ReleaseBlock();
            block = CurrentBlock;
        }

        return false;
    }

    /// <summary>Copies frames of the open block into <paramref name="buffers"/>, skipping (and counting) bad ones.</summary>
    /// <returns>How many buffers were filled.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CopyFrames(Span<Packet> buffers)
    {
        ref Packet first = ref MemoryMarshal.GetReference(buffers);
        ushort portId = _port.PortId;
        ushort queue = (ushort)Index;
        int filled = 0;
        ulong bytes = 0;
        while (filled < buffers.Length && _framesLeftInBlock != 0)
        {
            TPacket3Header* header = (TPacket3Header*)_nextFrame;
            _nextFrame += header->NextOffset;
            _framesLeftInBlock--;
            uint length = header->SnapLength;
            if (length != header->Length || length > _dataRoom)
            {
                Counters.Errors++;
                continue;
            }

            PacketBuffer* buffer = Unsafe.Add(ref first, filled++).Buffer;
            buffer->DataOffset = _headroom;
            buffer->DataLength = (ushort)length;
            buffer->Port = portId;
            buffer->Queue = queue;
            buffer->RssHash = header->RxHash;
            buffer->Timestamp = header->Seconds * 1_000_000_000UL + header->Nanoseconds;
            PacketFlags flags = PacketFlags.RssHash | PacketFlags.Timestamp;
            if ((header->Status & LinuxConstants.TpStatusVlanValid) != 0)
            {
                buffer->VlanTci = (ushort)header->VlanTci;
                flags |= PacketFlags.Vlan;
            }

            buffer->Flags = flags;
            Unsafe.CopyBlockUnaligned((byte*)buffer + PacketLayout.MetadataSize + _headroom, (byte*)header + header->MacOffset, length);
            bytes += length;
        }

        Counters.Packets += (ulong)filled;
        Counters.Bytes += bytes;
        return filled;
    }

    private void ReleaseBlock()
    {
        Volatile.Write(ref CurrentBlock->BlockStatus, LinuxConstants.TpStatusKernel);
        _framesLeftInBlock = 0;
        _block = _block + 1 == _socket.RxBlockCount ? 0 : _block + 1;
    }
}
