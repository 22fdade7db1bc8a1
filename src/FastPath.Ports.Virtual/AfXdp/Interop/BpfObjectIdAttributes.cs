using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary>The <c>BPF_*_GET_NEXT_ID</c> / <c>BPF_*_GET_FD_BY_ID</c> member of <c>union bpf_attr</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BpfObjectIdAttributes
{
    public uint Id;
    public uint NextId;
    public uint OpenFlags;
}
