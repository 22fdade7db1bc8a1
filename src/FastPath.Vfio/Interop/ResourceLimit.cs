using System.Runtime.InteropServices;

namespace FastPath.Vfio.Interop;

/// <summary><c>struct rlimit</c>: a soft and a hard limit.</summary>
[NativeName("struct rlimit")]
[StructLayout(LayoutKind.Sequential)]
internal struct ResourceLimit
{
    [NativeName("rlim_cur")]
    public ulong Current;

    [NativeName("rlim_max")]
    public ulong Maximum;
}
