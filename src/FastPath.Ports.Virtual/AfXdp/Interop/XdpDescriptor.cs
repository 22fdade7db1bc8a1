using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary><c>struct xdp_desc</c>: one frame in the receive or transmit ring, by its address in the UMEM.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct XdpDescriptor
{
    public ulong Address;
    public uint Length;
    public uint Options;
}
