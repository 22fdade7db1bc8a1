using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary>The <c>link_create</c> member of <c>union bpf_attr</c>: a program, the interface, the attach type and flags.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BpfLinkCreateAttributes
{
    public uint ProgramFd;
    public uint TargetInterfaceIndex;
    public uint AttachType;
    public uint Flags;
}
