using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.Chains;

/// <summary>
/// Copies frames between packet chains and flat memory (a kernel slot, a file record), as the virtual ports need:
/// they have no DMA that could gather or scatter for them.
/// </summary>
internal static unsafe class ChainCopy
{
    /// <summary>The bytes of an 802.1Q tag: TPID and tag control information.</summary>
    public const int VlanTagLength = 4;

    /// <summary>The bytes before the tag: destination and source MAC addresses.</summary>
    public const int MacAddressesLength = 12;

    /// <summary>The 802.1Q TPID.</summary>
    public const ushort VlanTpid = 0x8100;

    /// <summary>The length <paramref name="packet"/> has on the wire: its frame plus the tag it asks to have inserted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint WireLength(PacketBuffer* packet) =>
        packet->PacketLength + ((packet->Flags & PacketFlags.TxVlan) != 0 ? (uint)VlanTagLength : 0);

    /// <summary>
    /// Whether <paramref name="packet"/> can be sent as asked: a tag can only be inserted when the first segment holds
    /// both MAC addresses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CanLinearize(PacketBuffer* packet) =>
        (packet->Flags & PacketFlags.TxVlan) == 0 || packet->DataLength >= MacAddressesLength;

    /// <summary>
    /// Copies the whole frame of <paramref name="packet"/>, every segment in order, to <paramref name="destination"/>
    /// (which holds <see cref="WireLength"/> bytes), with the 802.1Q tag of <see cref="PacketBuffer.VlanTci"/> after
    /// the MAC addresses when the packet asks (<see cref="PacketFlags.TxVlan"/>; see <see cref="CanLinearize"/>).
    /// </summary>
    /// <returns>The bytes written.</returns>
    public static uint Linearize(PacketBuffer* packet, byte* destination)
    {
        byte* at = destination;
        byte* source = (byte*)packet + PacketLayout.MetadataSize + packet->DataOffset;
        uint length = packet->DataLength;
        if ((packet->Flags & PacketFlags.TxVlan) != 0)
        {
            Unsafe.CopyBlockUnaligned(at, source, MacAddressesLength);
            BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(at + MacAddressesLength, 2), VlanTpid);
            BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(at + MacAddressesLength + 2, 2), packet->VlanTci);
            at += MacAddressesLength + VlanTagLength;
            source += MacAddressesLength;
            length -= MacAddressesLength;
        }

        Unsafe.CopyBlockUnaligned(at, source, length);
        at += length;
        for (PacketBuffer* segment = packet->Next; segment != null; segment = segment->Next)
        {
            Unsafe.CopyBlockUnaligned(at, (byte*)segment + PacketLayout.MetadataSize + segment->DataOffset, segment->DataLength);
            at += segment->DataLength;
        }

        return (uint)(at - destination);
    }

    /// <summary>
    /// Turns <paramref name="first"/> (a buffer taken from <paramref name="pool"/>, not yet filled) into the head of a
    /// chain sized for a frame of <paramref name="length"/> bytes: it takes the further segments from the pool into
    /// <paramref name="scratch"/>, links them and sets every segment's offset and length (<paramref name="dataRoom"/>
    /// bytes each but the last); the bytes are then written with <see cref="ChainWriter"/>.
    /// </summary>
    /// <returns>False, with nothing taken, when the pool cannot supply every segment.</returns>
    public static bool TryExtend(PacketPool pool, PacketBuffer* first, uint length, ushort headroom, uint dataRoom, Span<Packet> scratch)
    {
        int more = (int)((length - 1) / dataRoom);
        Span<Packet> extra = scratch[..more];
        int got = pool.Alloc(extra);
        if (got < more)
        {
            pool.PutBulk(extra[..got]);
            return false;
        }

        first->DataOffset = headroom;
        first->DataLength = (ushort)dataRoom;
        first->PacketLength = dataRoom;
        uint left = length - dataRoom;
        for (int i = 0; i < more; i++)
        {
            PacketBuffer* segment = extra[i].Buffer;
            uint part = Math.Min(left, dataRoom);
            segment->DataLength = (ushort)part;
            segment->PacketLength = part;
            left -= part;
        }

        // Linked from the back, so that each append finds its last segment at once.
        for (int i = more - 1; i > 0; i--)
        {
            extra[i - 1].AppendSegment(extra[i]);
        }

        new Packet(first).AppendSegment(extra[0]);
        return true;
    }
}
