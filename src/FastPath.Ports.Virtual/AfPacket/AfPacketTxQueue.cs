using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.AfPacket.Interop;
using FastPath.Ports.Virtual.Chains;
using FastPath.Ports.Virtual.Statistics;

namespace FastPath.Ports.Virtual.AfPacket;

/// <summary>
/// Transmits through a TPACKET_V3 ring of fixed-size slots: copies each frame into the next free slot (a chain
/// segment after segment, with the 802.1Q tag a packet asks for inserted), marks it for sending, frees the buffers
/// at once, and wakes the kernel with one <c>sendto</c> per burst.
/// </summary>
internal sealed unsafe class AfPacketTxQueue : ITxQueue
{
    /// <summary>The shortest frame the kernel accepts: an Ethernet header.</summary>
    private const int MinimumFrameLength = 14;

    private readonly AfPacketPort _port;
    private readonly PacketSocket _socket;
    private readonly uint _maximumFrameLength;
    private int _slot;
    internal TxCounters Counters;

    public AfPacketTxQueue(AfPacketPort port, int index, PacketSocket socket)
    {
        _port = port;
        Index = index;
        _socket = socket;
        _maximumFrameLength = (uint)(socket.TxFrameSize - PacketSocket.TxDataOffset);
    }

    public int Index { get; }

    /// <summary>The longest frame a slot holds.</summary>
    public int MaximumFrameLength => (int)_maximumFrameLength;

    public int TxBurst(ReadOnlySpan<Packet> packets)
    {
        if (!_port.IsStarted || packets.IsEmpty)
        {
            return 0;
        }

        ref Packet first = ref MemoryMarshal.GetReference(packets);
        byte* ring = _socket.TxRing;
        int frameSize = _socket.TxFrameSize;
        int slotCount = _socket.TxFrameCount;
        int slot = _slot;
        int accepted = 0;
        int queued = 0;
        ulong bytes = 0;
        for (; accepted < packets.Length; accepted++)
        {
            TPacket3Header* header = (TPacket3Header*)(ring + (nint)slot * frameSize);
            if (Volatile.Read(ref header->Status) != LinuxConstants.TpStatusAvailable)
            {
                break;
            }

            PacketBuffer* packet = Unsafe.Add(ref first, accepted).Buffer;
            uint length = packet->DataLength;
            byte* slotData = (byte*)header + PacketSocket.TxDataOffset;
            if (packet->Next == null && (packet->Flags & PacketFlags.TxVlan) == 0)
            {
                if (length - MinimumFrameLength > _maximumFrameLength - MinimumFrameLength)
                {
                    Counters.Errors++;
                    continue;
                }

                Unsafe.CopyBlockUnaligned(slotData, (byte*)packet + PacketLayout.MetadataSize + packet->DataOffset, length);
            }
            else
            {
                length = ChainCopy.WireLength(packet);
                if (length - MinimumFrameLength > _maximumFrameLength - MinimumFrameLength || !ChainCopy.CanLinearize(packet))
                {
                    Counters.Errors++;
                    continue;
                }

                ChainCopy.Linearize(packet, slotData);
            }

            header->NextOffset = 0;
            header->Length = length;
            header->SnapLength = length;
            Volatile.Write(ref header->Status, LinuxConstants.TpStatusSendRequest);
            slot = slot + 1 == slotCount ? 0 : slot + 1;
            queued++;
            bytes += length;
        }

        _slot = slot;
        if (queued != 0)
        {
            _socket.KickTransmit();
        }

        PacketRelease.FreeAndCountBytes(packets[..accepted]);
        Counters.Packets += (ulong)queued;
        Counters.Bytes += bytes;
        return accepted;
    }
}
