using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary><c>struct rtattr</c>: the length and type that start each attribute of a route netlink message.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NetlinkAttribute
{
    public ushort Length;
    public ushort Type;
}
