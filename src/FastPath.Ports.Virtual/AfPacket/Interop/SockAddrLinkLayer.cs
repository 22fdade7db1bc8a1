using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfPacket.Interop;

/// <summary><c>struct sockaddr_ll</c>: a link-layer address, to bind a packet socket to an interface.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SockAddrLinkLayer
{
    public ushort Family;
    public ushort ProtocolBigEndian;
    public int InterfaceIndex;
    public ushort HardwareType;
    public byte PacketType;
    public byte AddressLength;
    public fixed byte Address[8];
}
