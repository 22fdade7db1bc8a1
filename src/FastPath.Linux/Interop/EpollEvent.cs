// Each member mirrors the libc function, constant or struct member of the C name it carries; the man pages document them.
#pragma warning disable CS1591

using System.Runtime.InteropServices;

namespace FastPath.Linux.Interop;

/// <summary><c>struct epoll_event</c>: packed on x86-64, so the 64-bit data sits at offset 4.</summary>
[NativeName("struct epoll_event")]
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct EpollEvent
{
    [NativeName("events")]
    public uint Events;

    [NativeName("data")]
    public ulong Data;
}
