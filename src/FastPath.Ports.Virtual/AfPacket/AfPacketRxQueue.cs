using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.AfPacket.Interop;
using FastPath.Ports.Virtual.Chains;
using FastPath.Ports.Virtual.Statistics;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.AfPacket;

/// <summary>
/// Receives from a TPACKET_V3 ring: walks the frames of each block the kernel has handed over, copies each into a
/// mempool buffer, or a chain of them for a frame longer than one (with scatter), and gives the block back once
/// every frame in it has been taken. The kernel always hands over the outer VLAN tag apart from the frame: the queue
/// puts it back, or with VLAN strip leaves it in the metadata; the software VLAN filter drops what it does not accept.
/// </summary>
internal sealed unsafe class AfPacketRxQueue : IRxQueue, IWakeSource
{
    private const int MacAddressesLength = ChainCopy.MacAddressesLength;
    private const int VlanTagLength = ChainCopy.VlanTagLength;

    private readonly AfPacketPort _port;
    private readonly PacketSocket _socket;
    private readonly PacketPool _pool;
    private readonly ushort _headroom;
    private readonly uint _dataRoom;
    private readonly uint _maximumFrameLength;
    private readonly bool _stripVlan;
    private readonly VlanFilterTable _vlanFilter;
    private readonly Packet[] _segments;
    private int _block;
    private uint _framesLeftInBlock;
    private byte* _nextFrame;
    internal RxCounters Counters;

    /// <param name="port">The port.</param>
    /// <param name="index">The queue's index.</param>
    /// <param name="socket">The queue's packet socket.</param>
    /// <param name="pool">The pool frames are copied into.</param>
    /// <param name="maximumFrameLength">The longest frame taken, tag included; past one buffer, frames arrive as chains.</param>
    /// <param name="stripVlan">Whether an 802.1Q tag goes to the metadata instead of back into the frame.</param>
    /// <param name="vlanFilter">The port's VLAN filter table.</param>
    public AfPacketRxQueue(AfPacketPort port, int index, PacketSocket socket, PacketPool pool, int maximumFrameLength, bool stripVlan, VlanFilterTable vlanFilter)
    {
        _port = port;
        Index = index;
        _socket = socket;
        _pool = pool;
        _headroom = (ushort)pool.Headroom;
        _dataRoom = (uint)pool.DataRoom;
        _maximumFrameLength = (uint)Math.Max(maximumFrameLength, pool.DataRoom);
        _stripVlan = stripVlan;
        _vlanFilter = vlanFilter;
        _segments = new Packet[(_maximumFrameLength - 1) / _dataRoom];
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
            bool tagged = (header->Status & LinuxConstants.TpStatusVlanValid) != 0;
            ushort tpid = (header->Status & LinuxConstants.TpStatusVlanTpidValid) != 0 ? header->VlanTpid : LinuxConstants.EtherTypeVlan;
            bool strip = tagged && _stripVlan && tpid == ChainCopy.VlanTpid;
            uint frameLength = tagged && !strip ? length + VlanTagLength : length;
            if (length != header->Length || frameLength > _maximumFrameLength || length < MacAddressesLength)
            {
                Counters.Errors++;
                continue;
            }

            // A NIC's VLAN filter drops without counting; so does this one.
            if (tagged && !_vlanFilter.Accepts((ushort)header->VlanTci))
            {
                continue;
            }

            PacketBuffer* buffer = Unsafe.Add(ref first, filled).Buffer;
            byte* source = (byte*)header + header->MacOffset;
            if (frameLength <= _dataRoom)
            {
                buffer->DataOffset = _headroom;
                buffer->DataLength = (ushort)frameLength;
                buffer->PacketLength = frameLength;
                byte* destination = (byte*)buffer + PacketLayout.MetadataSize + _headroom;
                if (tagged && !strip)
                {
                    InsertVlanTag(destination, source, length, tpid, (ushort)header->VlanTci);
                }
                else
                {
                    Unsafe.CopyBlockUnaligned(destination, source, length);
                }
            }
            else if (!CopyIntoChain(buffer, source, length, frameLength, tagged && !strip, tpid, (ushort)header->VlanTci))
            {
                Counters.Missed++;
                Counters.NoBuffer++;
                continue;
            }

            filled++;
            buffer->Port = portId;
            buffer->Queue = queue;
            buffer->RssHash = header->RxHash;
            buffer->Timestamp = header->Seconds * 1_000_000_000UL + header->Nanoseconds;
            buffer->Flags = strip ? PacketFlags.RssHash | PacketFlags.Timestamp | PacketFlags.Vlan : PacketFlags.RssHash | PacketFlags.Timestamp;
            buffer->VlanTci = strip ? (ushort)header->VlanTci : (ushort)0;
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
    private static void InsertVlanTag(byte* destination, byte* source, uint length, ushort tpid, ushort tagControl)
    {
        Unsafe.CopyBlockUnaligned(destination, source, MacAddressesLength);
        BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(destination + MacAddressesLength, 2), tpid);
        BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(destination + MacAddressesLength + 2, 2), tagControl);
        Unsafe.CopyBlockUnaligned(destination + MacAddressesLength + VlanTagLength, source + MacAddressesLength, length - MacAddressesLength);
    }

    /// <summary>
    /// Copies a frame longer than one buffer into a chain headed by <paramref name="buffer"/>, the further segments
    /// taken from the pool; false, with nothing taken, when the pool runs short (the frame is dropped whole).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool CopyIntoChain(PacketBuffer* buffer, byte* source, uint length, uint frameLength, bool putTagBack, ushort tpid, ushort tagControl)
    {
        if (!ChainCopy.TryExtend(_pool, buffer, frameLength, _headroom, _dataRoom, _segments))
        {
            return false;
        }

        var writer = new ChainWriter(buffer);
        if (putTagBack)
        {
            uint tag = (uint)BinaryPrimitives.ReverseEndianness(tpid) | (uint)BinaryPrimitives.ReverseEndianness(tagControl) << 16;
            writer.Write(source, MacAddressesLength);
            writer.Write((byte*)&tag, VlanTagLength);
            writer.Write(source + MacAddressesLength, length - MacAddressesLength);
        }
        else
        {
            writer.Write(source, length);
        }

        return true;
    }

    private void ReleaseBlock()
    {
        Volatile.Write(ref CurrentBlock->BlockStatus, LinuxConstants.TpStatusKernel);
        _framesLeftInBlock = 0;
        _block = _block + 1 == _socket.RxBlockCount ? 0 : _block + 1;
    }
}
