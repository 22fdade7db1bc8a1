// Each member mirrors the libc function, constant or struct member of the C name it carries; the man pages document them.
#pragma warning disable CS1591

using System.Runtime.InteropServices;

namespace FastPath.Linux.Interop;

/// <summary><c>struct pollfd</c>.</summary>
[NativeName("struct pollfd")]
[StructLayout(LayoutKind.Sequential)]
public struct PollDescriptor
{
    [NativeName("fd")]
    public int FileDescriptor;

    [NativeName("events")]
    public short Events;

    [NativeName("revents")]
    public short ReturnedEvents;
}
