using System.Runtime.InteropServices;

namespace FastPath.Drivers.Intel.Descriptors;

/// <summary>
/// The 16-byte advanced transmit descriptor, data or context (82599 datasheet 7.2.3.2.3 and 7.2.3.2.4; 82576
/// datasheet 7.2.2.2 and 7.2.2.3). Viewed as data descriptor it holds the buffer IOVA, the command/type/length word
/// and the offload/status word whose DD bit the device writes back for descriptors sent with RS.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct AdvancedTxDescriptor
{
    /// <summary>Bytes per descriptor.</summary>
    public const int Size = 16;

    /// <summary>Data descriptor, bytes 0–7: IOVA of the data (7.2.3.2.4 "Address").</summary>
    [FieldOffset(0)] public ulong BufferAddress;

    /// <summary>Data descriptor, bytes 8–11: DTALEN 15:0, MAC 19:18, DTYP 23:20, DCMD 31:24 (7.2.3.2.4).</summary>
    [FieldOffset(8)] public uint CommandTypeLength;

    /// <summary>Data descriptor, bytes 12–15: STA 3:0 (DD written back), IDX 6:4, CC 7, POPTS 13:8, PAYLEN 31:14 (7.2.3.2.4).</summary>
    [FieldOffset(12)] public uint OffloadStatus;

    /// <summary>Context descriptor, bytes 0–3: IPLEN 8:0, MACLEN 15:9, VLAN 31:16 (7.2.3.2.3).</summary>
    [FieldOffset(0)] public uint VlanMacIpLengths;

    /// <summary>Context descriptor, bytes 4–7: IPsec/FCoE seed, unused here (7.2.3.2.3).</summary>
    [FieldOffset(4)] public uint SequenceSeed;

    /// <summary>Context descriptor, bytes 8–11: TUCMD 19:9, DTYP 23:20, DEXT 29 (7.2.3.2.3).</summary>
    [FieldOffset(8)] public uint TypeTucmdMlhl;

    /// <summary>Context descriptor, bytes 12–15: IDX 6:4, L4LEN 15:8, MSS 31:16 (7.2.3.2.3).</summary>
    [FieldOffset(12)] public uint MssL4LengthIndex;
}
