using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfPacket.Interop;

/// <summary><c>struct pollfd</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollDescriptor
{
    public int FileDescriptor;
    public short Events;
    public short ReturnedEvents;
}
