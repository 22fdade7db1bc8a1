using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfPacket.Interop;

/// <summary>
/// <c>struct tpacket3_hdr</c>: the header before each frame in a TPACKET_V3 ring (receive blocks and transmit
/// slots alike).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 48)]
internal struct TPacket3Header
{
    [FieldOffset(0)] public uint NextOffset;
    [FieldOffset(4)] public uint Seconds;
    [FieldOffset(8)] public uint Nanoseconds;
    [FieldOffset(12)] public uint SnapLength;
    [FieldOffset(16)] public uint Length;
    [FieldOffset(20)] public uint Status;
    [FieldOffset(24)] public ushort MacOffset;
    [FieldOffset(26)] public ushort NetworkOffset;
    [FieldOffset(28)] public uint RxHash;
    [FieldOffset(32)] public uint VlanTci;
    [FieldOffset(36)] public ushort VlanTpid;
}
