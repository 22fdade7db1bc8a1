namespace FastPath.Drivers.Intel.Descriptors;

/// <summary>
/// Field values of <see cref="AdvancedTxDescriptor"/> (82599 datasheet 7.2.3.2.3–7.2.3.2.4; ixgbe_type.h
/// IXGBE_ADVTXD_*, IXGBE_TXD_POPTS_*).
/// </summary>
public static class AdvancedTxBits
{
    /// <summary>DTALEN mask, bits 15:0 of the command word: bytes in this buffer.</summary>
    public const uint DataLengthMask = 0xFFFF;

    /// <summary>DTYP 0011b in bits 23:20: advanced data descriptor (IXGBE_ADVTXD_DTYP_DATA 0x00300000).</summary>
    public const uint TypeData = 0x3u << 20;

    /// <summary>DTYP 0010b in bits 23:20: advanced context descriptor (IXGBE_ADVTXD_DTYP_CTXT 0x00200000).</summary>
    public const uint TypeContext = 0x2u << 20;

    /// <summary>Mask of DTYP, bits 23:20.</summary>
    public const uint TypeMask = 0xFu << 20;

    /// <summary>DCMD.EOP, bit 24: last buffer of the frame (IXGBE_ADVTXD_DCMD_EOP 0x01000000).</summary>
    public const uint EndOfPacket = 1u << 24;

    /// <summary>DCMD.IFCS, bit 25: append the Ethernet FCS (IXGBE_ADVTXD_DCMD_IFCS 0x02000000).</summary>
    public const uint InsertFcs = 1u << 25;

    /// <summary>DCMD.RS, bit 27: report status, write DD back when sent (IXGBE_ADVTXD_DCMD_RS 0x08000000).</summary>
    public const uint ReportStatus = 1u << 27;

    /// <summary>DCMD.VLE, bit 30: insert the VLAN tag of the context descriptor (IXGBE_ADVTXD_DCMD_VLE 0x40000000; E1000_ADVTXD_DCMD_VLE).</summary>
    public const uint InsertVlan = 1u << 30;

    /// <summary>Context: shift of the VLAN tag, bits 31:16 of VlanMacIpLengths (IXGBE_ADVTXD_VLAN_SHIFT 16).</summary>
    public const int VlanShift = 16;

    /// <summary>DCMD.DEXT, bit 29: advanced (extended) descriptor format (IXGBE_ADVTXD_DCMD_DEXT 0x20000000).</summary>
    public const uint Extended = 1u << 29;

    /// <summary>STA.DD, bit 0 of the offload/status word: written back once the descriptor was processed (IXGBE_TXD_STAT_DD).</summary>
    public const uint DescriptorDone = 1u << 0;

    /// <summary>CC, bit 7 of the offload/status word: check context (use the context named by IDX) (IXGBE_ADVTXD_CC 0x80).</summary>
    public const uint CheckContext = 1u << 7;

    /// <summary>POPTS.IXSM, bit 8: insert the IPv4 header checksum (IXGBE_TXD_POPTS_IXSM &lt;&lt; 8).</summary>
    public const uint InsertIpChecksum = 1u << 8;

    /// <summary>POPTS.TXSM, bit 9: insert the TCP/UDP checksum (IXGBE_TXD_POPTS_TXSM &lt;&lt; 8).</summary>
    public const uint InsertL4Checksum = 1u << 9;

    /// <summary>Shift of PAYLEN, bits 31:14: the whole frame length for non-TSO frames (IXGBE_ADVTXD_PAYLEN_SHIFT 14).</summary>
    public const int PayloadLengthShift = 14;

    /// <summary>Context: shift of MACLEN, bits 15:9 of VlanMacIpLengths (IXGBE_ADVTXD_MACLEN_SHIFT 9).</summary>
    public const int MacLengthShift = 9;

    /// <summary>Context: TUCMD.IPV4, bit 10: the frame is IPv4 (IXGBE_ADVTXD_TUCMD_IPV4 0x400).</summary>
    public const uint ContextIPv4 = 1u << 10;

    /// <summary>Context: TUCMD.L4T = 01b in bits 12:11: TCP (IXGBE_ADVTXD_TUCMD_L4T_TCP 0x800); 00b is UDP.</summary>
    public const uint ContextTcp = 1u << 11;

    /// <summary>Context: mask of TUCMD.L4T, bits 12:11.</summary>
    public const uint ContextL4TypeMask = 3u << 11;

    /// <summary>Context: TUCMD.L4T = 00b: UDP (IXGBE_ADVTXD_TUCMD_L4T_UDP 0).</summary>
    public const uint ContextUdp = 0;
}
