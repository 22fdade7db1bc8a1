using System.Runtime.InteropServices;

namespace FastPath.Vfio.Tests.Guest;

/// <summary>Legacy receive descriptor, 82574 datasheet 7.1.4.1 (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct LegacyRxDescriptor
{
    public ulong BufferAddress;
    public ushort Length;
    public ushort Checksum;
    public byte Status;
    public byte Errors;
    public ushort Special;
}
