using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary>The start of <c>struct bpf_link_info</c>: the link's type, ids, and for an XDP link its interface.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BpfLinkInfo
{
    public uint Type;
    public uint Id;
    public uint ProgramId;
    public uint Padding;
    public uint XdpInterfaceIndex;
    public uint Tail;
}
