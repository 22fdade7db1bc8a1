using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfPacket.Interop;

/// <summary><c>struct tpacket_req3</c>: the geometry of a TPACKET_V3 ring, given to PACKET_RX_RING / PACKET_TX_RING.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TPacketRequest3
{
    public uint BlockSize;
    public uint BlockCount;
    public uint FrameSize;
    public uint FrameCount;
    public uint RetireBlockTimeoutMs;
    public uint PrivateSize;
    public uint FeatureRequestWord;
}
