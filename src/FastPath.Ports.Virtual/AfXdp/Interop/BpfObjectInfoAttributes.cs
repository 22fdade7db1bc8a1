using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary>The <c>info</c> member of <c>union bpf_attr</c> (<c>BPF_OBJ_GET_INFO_BY_FD</c>): an object and a buffer for its info.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BpfObjectInfoAttributes
{
    public uint Fd;
    public uint InfoLength;
    public ulong Info;
}
