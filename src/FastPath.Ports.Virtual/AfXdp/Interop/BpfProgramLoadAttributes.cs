using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary>The <c>BPF_PROG_LOAD</c> member of <c>union bpf_attr</c>, up to the expected attach type.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BpfProgramLoadAttributes
{
    public uint ProgramType;
    public uint InstructionCount;
    public ulong Instructions;
    public ulong License;
    public uint LogLevel;
    public uint LogSize;
    public ulong LogBuffer;
    public uint KernelVersion;
    public uint ProgramFlags;
    public fixed byte ProgramName[BpfConstants.ObjectNameLength];
    public uint ProgramInterfaceIndex;
    public uint ExpectedAttachType;
}
