using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary>The <c>BPF_OBJ_PIN</c> member of <c>union bpf_attr</c>: a path in a bpf file system and the object to pin there.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BpfObjectPinAttributes
{
    public ulong PathName;
    public uint Fd;
    public uint FileFlags;
}
