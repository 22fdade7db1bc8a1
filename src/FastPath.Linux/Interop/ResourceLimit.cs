// Each member mirrors the libc function, constant or struct member of the C name it carries; the man pages document them.
#pragma warning disable CS1591

using System.Runtime.InteropServices;

namespace FastPath.Linux.Interop;

/// <summary><c>struct rlimit</c>: a soft and a hard limit.</summary>
[NativeName("struct rlimit")]
[StructLayout(LayoutKind.Sequential)]
public struct ResourceLimit
{
    [NativeName("rlim_cur")]
    public ulong Current;

    [NativeName("rlim_max")]
    public ulong Maximum;
}
