using System.Runtime.InteropServices;

namespace FastPath.Drivers.Intel.Descriptors;

/// <summary>
/// The 16-byte advanced receive descriptor shared by the 82599 (datasheet 7.1.6) and the 82576 (datasheet 7.1.5).
/// The driver writes the read format (buffer addresses); the device overwrites it with the write-back format once
/// the frame is in memory and sets <see cref="AdvancedRxStatus.DescriptorDone"/>.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct AdvancedRxDescriptor
{
    /// <summary>Bytes per descriptor.</summary>
    public const int Size = 16;

    /// <summary>Read format, bytes 0–7: IOVA of the packet buffer (82599 7.1.6.1).</summary>
    [FieldOffset(0)] public ulong PacketAddress;

    /// <summary>Read format, bytes 8–15: IOVA of the header buffer; written 0, which also clears the DD bit (82599 7.1.6.1).</summary>
    [FieldOffset(8)] public ulong HeaderAddress;

    /// <summary>
    /// Write-back, bytes 0–3: RSS type in bits 3:0, packet type in bits 16:4, header length and split-header flag above
    /// (82599 7.1.6.2; ixgbe_type.h union ixgbe_adv_rx_desc wb.lower.lo_dword).
    /// </summary>
    [FieldOffset(0)] public uint PacketInfo;

    /// <summary>Write-back, bytes 4–7: the RSS hash (82599 7.1.6.2, wb.lower.hi_dword.rss).</summary>
    [FieldOffset(4)] public uint RssHash;

    /// <summary>Write-back, bytes 8–11: extended status (bits 19:0) and extended errors (bits 31:20) (82599 7.1.6.2).</summary>
    [FieldOffset(8)] public uint StatusError;

    /// <summary>Write-back, bytes 12–13: bytes written to the packet buffer (82599 7.1.6.2, wb.upper.length).</summary>
    [FieldOffset(12)] public ushort Length;

    /// <summary>Write-back, bytes 14–15: the stripped VLAN tag (82599 7.1.6.2, wb.upper.vlan).</summary>
    [FieldOffset(14)] public ushort VlanTag;
}
