using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfPacket.Interop;

/// <summary>
/// <c>struct tpacket_block_desc</c> with its <c>tpacket_hdr_v1</c>: the header at the start of every TPACKET_V3
/// receive block. The block belongs to user space while <see cref="BlockStatus"/> has TP_STATUS_USER.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 48)]
internal struct TPacketBlockDescriptor
{
    [FieldOffset(0)] public uint Version;
    [FieldOffset(4)] public uint OffsetToPrivate;
    [FieldOffset(8)] public uint BlockStatus;
    [FieldOffset(12)] public uint PacketCount;
    [FieldOffset(16)] public uint OffsetToFirstPacket;
    [FieldOffset(20)] public uint BlockLength;
    [FieldOffset(24)] public ulong SequenceNumber;
}
