using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfPacket.Interop;

/// <summary>
/// <c>struct ifreq</c>: an interface name and, in the union after it, what an interface ioctl reads or writes (the
/// flags as a short, or the hardware address as a <c>struct sockaddr</c>: family, then the MAC bytes).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal unsafe struct InterfaceRequest
{
    [FieldOffset(0)] public fixed byte Name[LinuxConstants.InterfaceNameSize];
    [FieldOffset(16)] public short Flags;
    [FieldOffset(16)] public ushort HardwareAddressFamily;
    [FieldOffset(18)] public fixed byte HardwareAddress[14];
}
