using System.Runtime.InteropServices;

namespace FastPath.Vfio.Tests.Guest;

/// <summary>Legacy transmit descriptor, 82574 datasheet 7.2.2.2 (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct LegacyTxDescriptor
{
    public ulong BufferAddress;
    public ushort Length;
    public byte ChecksumOffset;
    public byte Command;
    public byte Status;
    public byte ChecksumStart;
    public ushort Special;
}
