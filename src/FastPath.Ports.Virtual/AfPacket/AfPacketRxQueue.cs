using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.AfPacket.Interop;
using FastPath.Ports.Virtual.Statistics;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.AfPacket;

/// <summary>
/// Receives from a TPACKET_V3 ring: walks the frames of each block the kernel has handed over, copies each into a
/// mempool buffer (putting back a VLAN tag the kernel took out), and gives the block back once every frame in it
/// has been taken.
/// </summary>
internal sealed unsafe class AfPacketRxQueue : IRxQueue, IWakeSource
{
    private const int MacAddressesLength = 12;
    private const int VlanTagLength = 4;

    private readonly AfPacketPort _port;
    private readonly PacketSocket _socket;
    private readonly PacketPool _pool;
    private readonly ushort _headroom;
    private readonly uint _dataRoom;
    private int _block;
    private uint _framesLeftInBlock;
    private byte* _nextFrame;
    internal RxCounters Counters;

    public AfPacketRxQueue(AfPacketPort port, int index, PacketSocket socket, PacketPool pool)
    {
        _port = port;
        Index = index;
        _socket = socket;
        _pool = pool;
        _headroom = (ushort)pool.Headroom;
        _dataRoom = (uint)pool.DataRoom;
    }

    public int Index { get; }

    /// <summary>The packet socket: the kernel makes it readable when it retires a block to user space.</summary>
    public IWakeSource WakeSource => this;

    SafeHandle IWakeSource.Handle => _socket.Handle;

    /// <summary>Nothing to unmask: the socket signals by itself. False when a retired block is waiting already.</summary>
    public bool Arm() => _framesLeftInBlock == 0 && (Volatile.Read(ref CurrentBlock->BlockStatus) & LinuxConstants.TpStatusUser) == 0;

    /// <summary>Nothing to mask again.</summary>
    public void Disarm()
    {
    }

    /// <summary>
    /// The kernel's receive time of the first frame of the retired block that made the socket readable (CLOCK_REALTIME
    /// in the TPACKET_V3 header), moved onto the Stopwatch clock by the current offset between the two; 0 when no
    /// block is waiting.
    /// </summary>
    long IWakeSource.ArrivalTimestamp
    {
        get
        {
            TPacketBlockDescriptor* block = CurrentBlock;
            if (_framesLeftInBlock != 0 || (Volatile.Read(ref block->BlockStatus) & LinuxConstants.TpStatusUser) == 0 || block->PacketCount == 0)
            {
                return 0;
            }

            TPacket3Header* first = (TPacket3Header*)((byte*)block + block->OffsetToFirstPacket);
            long arrivedNs = first->Seconds * 1_000_000_000L + first->Nanoseconds;
            long nowNs = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
            long now = Stopwatch.GetTimestamp();
            return now - (long)((nowNs - arrivedNs) * (Stopwatch.Frequency / 1e9));
        }
    }

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
        ushort portId = _port.Id;
        ushort queue = (ushort)Index;
        int filled = 0;
        ulong bytes = 0;
        while (filled < buffers.Length && _framesLeftInBlock != 0)
        {
            TPacket3Header* header = (TPacket3Header*)_nextFrame;
            _nextFrame += header->NextOffset;
            _framesLeftInBlock--;
            uint length = header->SnapLength;
            bool tagStripped = (header->Status & LinuxConstants.TpStatusVlanValid) != 0;
            uint frameLength = tagStripped ? length + VlanTagLength : length;
            if (length != header->Length || frameLength > _dataRoom || length < MacAddressesLength)
            {
                Counters.Errors++;
                continue;
            }

            PacketBuffer* buffer = Unsafe.Add(ref first, filled++).Buffer;
            buffer->DataOffset = _headroom;
            buffer->DataLength = (ushort)frameLength;
            buffer->PacketLength = (uint)frameLength;
            buffer->Port = portId;
            buffer->Queue = queue;
            buffer->RssHash = header->RxHash;
            buffer->Timestamp = header->Seconds * 1_000_000_000UL + header->Nanoseconds;
            buffer->Flags = PacketFlags.RssHash | PacketFlags.Timestamp;
            byte* source = (byte*)header + header->MacOffset;
            byte* destination = (byte*)buffer + PacketLayout.MetadataSize + _headroom;
            if (tagStripped)
            {
                InsertVlanTag(destination, source, length, header);
            }
            else
            {
                Unsafe.CopyBlockUnaligned(destination, source, length);
            }

            bytes += frameLength;
        }

        Counters.Packets += (ulong)filled;
        Counters.Bytes += bytes;
        return filled;
    }

    /// <summary>
    /// Copies a frame whose VLAN tag the kernel took out (into the header) with the tag put back after the MAC
    /// addresses, so that the application sees the frame as it was on the wire.
    /// </summary>
    private static void InsertVlanTag(byte* destination, byte* source, uint length, TPacket3Header* header)
    {
        ushort tpid = (header->Status & LinuxConstants.TpStatusVlanTpidValid) != 0 ? header->VlanTpid : LinuxConstants.EtherTypeVlan;
        Unsafe.CopyBlockUnaligned(destination, source, MacAddressesLength);
        BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(destination + MacAddressesLength, 2), tpid);
        BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(destination + MacAddressesLength + 2, 2), (ushort)header->VlanTci);
        Unsafe.CopyBlockUnaligned(destination + MacAddressesLength + VlanTagLength, source + MacAddressesLength, length - MacAddressesLength);
    }

    private void ReleaseBlock()
    {
        Volatile.Write(ref CurrentBlock->BlockStatus, LinuxConstants.TpStatusKernel);
        _framesLeftInBlock = 0;
        _block = _block + 1 == _socket.RxBlockCount ? 0 : _block + 1;
    }
}
