using System.Runtime.InteropServices;
using FastPath.Linux;
using FastPath.Linux.Interop;
using FastPath.Ports.Virtual.AfXdp.Interop;

namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>
/// Asks route netlink (RTM_GETLINK, in the calling thread's network namespace) which XDP program an interface
/// runs: interface indexes are per namespace and BPF links are not, so only the interface itself can say.
/// </summary>
internal static unsafe class XdpProgramQuery
{
    private const int ReplyLength = 32768;

    /// <summary>The id of the XDP program attached to interface <paramref name="interfaceIndex"/>, or 0 for none.</summary>
    public static uint AttachedProgramId(int interfaceIndex)
    {
        int fd = LibC.socket(XdpConstants.AddressFamilyNetlink, XdpConstants.SocketTypeRaw | XdpConstants.SocketCloseOnExec, XdpConstants.NetlinkRoute);
        if (fd < 0)
        {
            throw new InvalidOperationException($"socket(AF_NETLINK, NETLINK_ROUTE) failed ({LibC.DescribeLastError()}).");
        }

        using var socket = new FileDescriptorHandle(fd);
        int requestLength = sizeof(NetlinkMessageHeader) + sizeof(InterfaceInfoMessage);
        byte* request = stackalloc byte[requestLength];
        *(NetlinkMessageHeader*)request = new NetlinkMessageHeader { Length = (uint)requestLength, Type = XdpConstants.RouteGetLink, Flags = XdpConstants.NetlinkFlagRequest, Sequence = 1 };
        *(InterfaceInfoMessage*)(request + sizeof(NetlinkMessageHeader)) = new InterfaceInfoMessage { Index = interfaceIndex };
        if (LibC.sendto(socket, request, (nuint)requestLength, 0, null, 0) != requestLength)
        {
            throw new InvalidOperationException($"Sending RTM_GETLINK for interface {interfaceIndex} failed ({LibC.DescribeLastError()}).");
        }

        byte[] reply = new byte[ReplyLength];
        fixed (byte* start = reply)
        {
            nint received = XdpNative.recvfrom(socket, start, ReplyLength, 0, null, null);
            if (received < sizeof(NetlinkMessageHeader))
            {
                throw new InvalidOperationException($"Receiving the RTM_GETLINK reply failed ({LibC.DescribeLastError()}).");
            }

            var header = (NetlinkMessageHeader*)start;
            if (header->Type == XdpConstants.NetlinkMessageError)
            {
                int errno = -*(int*)(start + sizeof(NetlinkMessageHeader));
                throw new InvalidOperationException($"RTM_GETLINK for interface {interfaceIndex} failed ({LibC.Describe(errno)}).");
            }

            int offset = Align(sizeof(NetlinkMessageHeader)) + Align(sizeof(InterfaceInfoMessage));
            int end = (int)Math.Min(header->Length, (uint)received);
            byte* xdp = FindAttribute(start, offset, end, XdpConstants.InterfaceAttributeXdp, out int xdpEnd);
            if (xdp == null)
            {
                return 0;
            }

            byte* programId = FindAttribute(start, (int)(xdp - start), xdpEnd, XdpConstants.XdpAttributeProgramId, out _);
            return programId == null ? 0 : *(uint*)programId;
        }
    }

    /// <summary>Finds attribute <paramref name="type"/> among those from <paramref name="offset"/> to <paramref name="end"/>; returns its payload.</summary>
    private static byte* FindAttribute(byte* message, int offset, int end, ushort type, out int payloadEnd)
    {
        while (offset + sizeof(NetlinkAttribute) <= end)
        {
            var attribute = (NetlinkAttribute*)(message + offset);
            if (attribute->Length < sizeof(NetlinkAttribute) || offset + attribute->Length > end)
            {
                break;
            }

            if ((attribute->Type & XdpConstants.NetlinkAttributeTypeMask) == type)
            {
                payloadEnd = offset + attribute->Length;
                return message + offset + Align(sizeof(NetlinkAttribute));
            }

            offset += Align(attribute->Length);
        }

        payloadEnd = 0;
        return null;
    }

    private static int Align(int length) => (length + 3) & ~3;
}
