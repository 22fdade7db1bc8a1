using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary>The <c>BPF_MAP_CREATE</c> member of <c>union bpf_attr</c>, up to the map's name.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BpfMapCreateAttributes
{
    public uint MapType;
    public uint KeySize;
    public uint ValueSize;
    public uint MaxEntries;
    public uint MapFlags;
    public uint InnerMapFd;
    public uint NumaNode;
    public fixed byte MapName[BpfConstants.ObjectNameLength];
}
