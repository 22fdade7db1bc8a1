using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary>The <c>BPF_MAP_*_ELEM</c> member of <c>union bpf_attr</c>: a map, pointers to a key and a value, flags.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BpfMapElementAttributes
{
    public uint MapFd;
    public ulong Key;
    public ulong Value;
    public ulong Flags;
}
