using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary>The start of <c>struct bpf_prog_info</c>, up to the program's name (the kernel fills as much as is asked).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BpfProgramInfo
{
    public uint Type;
    public uint Id;
    public fixed byte Tag[8];
    public uint JitedLength;
    public uint TranslatedLength;
    public ulong JitedInstructions;
    public ulong TranslatedInstructions;
    public ulong LoadTime;
    public uint CreatedByUid;
    public uint MapIdCount;
    public ulong MapIds;
    public fixed byte Name[BpfConstants.ObjectNameLength];
}
