using System.Runtime.InteropServices;

namespace FastPath.Vfio.Interop;

/// <summary><c>struct epoll_event</c>: packed on x86-64, so the 64-bit data sits at offset 4.</summary>
[NativeName("struct epoll_event")]
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct EpollEvent
{
    [NativeName("events")]
    public uint Events;

    [NativeName("data")]
    public ulong Data;
}
