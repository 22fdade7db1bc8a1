using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfPacket.Interop;

/// <summary><c>struct packet_mreq</c>: for PACKET_ADD_MEMBERSHIP, e.g. to make an interface promiscuous.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PacketMembershipRequest
{
    public int InterfaceIndex;
    public ushort Type;
    public ushort AddressLength;
    public fixed byte Address[8];
}
