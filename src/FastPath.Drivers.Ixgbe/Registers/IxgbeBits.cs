namespace FastPath.Drivers.Ixgbe.Registers;

/// <summary>
/// Bit fields of the 82599 registers in <see cref="IxgbeRegister"/>, with their datasheet section and their
/// ixgbe_type.h names.
/// </summary>
public static class IxgbeBits
{
    /// <summary>CTRL.PCIE_MASTER_DISABLE, bit 2: stop issuing new master requests (8.2.3.1.1; IXGBE_CTRL_GIO_DIS 0x4).</summary>
    public const uint ControlMasterDisable = 1u << 2;

    /// <summary>CTRL.LRST, bit 3: link reset (8.2.3.1.1; IXGBE_CTRL_LNK_RST 0x8).</summary>
    public const uint ControlLinkReset = 1u << 3;

    /// <summary>CTRL.RST, bit 26: device reset, self-clearing (8.2.3.1.1; IXGBE_CTRL_RST 0x04000000).</summary>
    public const uint ControlReset = 1u << 26;

    /// <summary>CTRL.RST | CTRL.LRST, the global reset of 4.6.3.2 (IXGBE_CTRL_RST_MASK).</summary>
    public const uint ControlResetMask = ControlReset | ControlLinkReset;

    /// <summary>STATUS.PCIe Master Enable Status, bit 19: master requests pending (8.2.3.1.2; IXGBE_STATUS_GIO 0x00080000).</summary>
    public const uint StatusMasterEnable = 1u << 19;

    /// <summary>CTRL_EXT.DRV_LOAD, bit 28: a driver controls the device (8.2.3.1.3; IXGBE_CTRL_EXT_DRV_LOAD 0x10000000).</summary>
    public const uint ExtendedControlDriverLoaded = 1u << 28;

    /// <summary>EEC.ARD, bit 9: EEPROM auto-read done (8.2.3.2.1; IXGBE_EEC_ARD 0x200).</summary>
    public const uint EepromAutoReadDone = 1u << 9;

    /// <summary>RDRXCTL.CRCSTRIP, bit 1: strip the CRC; must equal HLREG0.RXCRCSTRP (8.2.3.8.8; IXGBE_RDRXCTL_CRCSTRIP 0x2).</summary>
    public const uint RdrxctlCrcStrip = 1u << 1;

    /// <summary>RDRXCTL.DMAIDONE, bit 3: DMA initialization done (8.2.3.8.8; IXGBE_RDRXCTL_DMAIDONE 0x8).</summary>
    public const uint RdrxctlDmaInitDone = 1u << 3;

    /// <summary>RXCTRL.RXEN, bit 0: receive enable (8.2.3.8.10; IXGBE_RXCTRL_RXEN 0x1).</summary>
    public const uint ReceiveEnable = 1u << 0;

    /// <summary>RXCSUM.PCSD, bit 13: the descriptor carries the RSS hash, not the fragment checksum (8.2.3.7.5; IXGBE_RXCSUM_PCSD 0x2000).</summary>
    public const uint ChecksumPacketChecksumDisable = 1u << 13;

    /// <summary>FCTRL.MPE, bit 8: multicast promiscuous (8.2.3.7.1; IXGBE_FCTRL_MPE 0x100).</summary>
    public const uint FilterMulticastPromiscuous = 1u << 8;

    /// <summary>FCTRL.UPE, bit 9: unicast promiscuous (8.2.3.7.1; IXGBE_FCTRL_UPE 0x200).</summary>
    public const uint FilterUnicastPromiscuous = 1u << 9;

    /// <summary>FCTRL.BAM, bit 10: accept broadcast (8.2.3.7.1; IXGBE_FCTRL_BAM 0x400).</summary>
    public const uint FilterBroadcastAccept = 1u << 10;

    /// <summary>VLNCTRL.VET, bits 15:0: the ethertype that marks a VLAN tag (IXGBE_VLNCTRL_VET).</summary>
    public const uint VlanEtherTypeMask = 0xFFFF;

    /// <summary>VLNCTRL.VFE, bit 30: tagged frames pass only when their id is set in VFTA (82599 8.2.3.7.2; IXGBE_VLNCTRL_VFE).</summary>
    public const uint VlanFilterEnable = 1u << 30;

    /// <summary>RXDCTL.VME: the queue strips the VLAN tag into the descriptor's VLAN field (IXGBE_RXDCTL_VME).</summary>
    public const uint RxdctlVlanStrip = 1u << 30;

    /// <summary>MCSTCTRL.MFE, bit 2: multicast table filter enable; MO (bits 1:0) = 00 hashes address bits 47:36 (8.2.3.7.2; IXGBE_MCSTCTRL_MFE 0x4).</summary>
    public const uint MulticastFilterEnable = 1u << 2;

    /// <summary>RAH.AV, bit 31: the address is valid (8.2.3.7.10; IXGBE_RAH_AV 0x80000000).</summary>
    public const uint ReceiveAddressValid = 1u << 31;

    /// <summary>MRQC.MRQE = 0001b: RSS only (8.2.3.7.12; IXGBE_MRQC_RSSEN 0x1).</summary>
    public const uint MrqcRssEnable = 0x1;

    /// <summary>MRQC field enable, bit 16: TCP over IPv4 (IXGBE_MRQC_RSS_FIELD_IPV4_TCP 0x00010000).</summary>
    public const uint MrqcIPv4Tcp = 1u << 16;

    /// <summary>MRQC field enable, bit 17: IPv4 addresses (IXGBE_MRQC_RSS_FIELD_IPV4 0x00020000).</summary>
    public const uint MrqcIPv4 = 1u << 17;

    /// <summary>MRQC field enable, bit 20: IPv6 addresses (IXGBE_MRQC_RSS_FIELD_IPV6 0x00100000).</summary>
    public const uint MrqcIPv6 = 1u << 20;

    /// <summary>MRQC field enable, bit 21: TCP over IPv6 (IXGBE_MRQC_RSS_FIELD_IPV6_TCP 0x00200000).</summary>
    public const uint MrqcIPv6Tcp = 1u << 21;

    /// <summary>MRQC field enable, bit 22: UDP over IPv4 (IXGBE_MRQC_RSS_FIELD_IPV4_UDP 0x00400000).</summary>
    public const uint MrqcIPv4Udp = 1u << 22;

    /// <summary>MRQC field enable, bit 23: UDP over IPv6 (IXGBE_MRQC_RSS_FIELD_IPV6_UDP 0x00800000).</summary>
    public const uint MrqcIPv6Udp = 1u << 23;

    /// <summary>SRRCTL.BSIZEPKT, bits 4:0: packet buffer size in 1 KiB units (8.2.3.8.7; narrower than IXGBE_SRRCTL_BSIZEPKT_MASK 0x7F, whose bits 6:5 the 82599 reserves).</summary>
    public const uint SrrctlPacketBufferSizeMask = 0x1F;

    /// <summary>SRRCTL.BSIZEHEADER, bits 13:8, in 64-byte units (8.2.3.8.7; the low bit of IXGBE_SRRCTL_BSIZEHDR_MASK 0x3F00).</summary>
    public const int SrrctlHeaderSizeShift = 8;

    /// <summary>SRRCTL.DESCTYPE = 001b in bits 27:25: advanced one-buffer descriptors (8.2.3.8.7; IXGBE_SRRCTL_DESCTYPE_ADV_ONEBUF 0x02000000).</summary>
    public const uint SrrctlAdvancedOneBuffer = 1u << 25;

    /// <summary>Mask of SRRCTL.DESCTYPE, bits 27:25 (IXGBE_SRRCTL_DESCTYPE_MASK 0x0E000000).</summary>
    public const uint SrrctlDescriptorTypeMask = 7u << 25;

    /// <summary>SRRCTL.DROP_EN, bit 28: drop frames for this queue when it has no descriptors (8.2.3.8.7; IXGBE_SRRCTL_DROP_EN 0x10000000).</summary>
    public const uint SrrctlDropEnable = 1u << 28;

    /// <summary>DMATXCTL.TE, bit 0: transmit DMA enable (8.2.3.9.2; IXGBE_DMATXCTL_TE 0x1).</summary>
    public const uint TransmitDmaEnable = 1u << 0;

    /// <summary>Shift of DMATXCTL.VT, bits 31:16: the ethertype of VLAN tags the device inserts, 0x8100 after reset (8.2.3.9.1; IXGBE_DMATXCTL_VT_SHIFT).</summary>
    public const int DmatxctlVlanEtherTypeShift = 16;

    /// <summary>TXDCTL.PTHRESH, bits 6:0: prefetch threshold (8.2.3.9.10; not in ixgbe_type.h).</summary>
    public const int TxdctlPrefetchShift = 0;

    /// <summary>TXDCTL.HTHRESH, bits 14:8: host threshold (8.2.3.9.10; not in ixgbe_type.h).</summary>
    public const int TxdctlHostShift = 8;

    /// <summary>HLREG0.TXCRCEN, bit 0: append the CRC on transmit (8.2.3.22.8; IXGBE_HLREG0_TXCRCEN 0x1).</summary>
    public const uint MacTxCrcEnable = 1u << 0;

    /// <summary>HLREG0.RXCRCSTRP, bit 1: strip the CRC on receive (8.2.3.22.8; IXGBE_HLREG0_RXCRCSTRP 0x2).</summary>
    public const uint MacRxCrcStrip = 1u << 1;

    /// <summary>HLREG0.JUMBOEN, bit 2: accept frames up to MAXFRS.MFS (8.2.3.22.8; IXGBE_HLREG0_JUMBOEN 0x4).</summary>
    public const uint MacJumboEnable = 1u << 2;

    /// <summary>HLREG0.TXPADEN, bit 10: pad short frames to 64 bytes (8.2.3.22.8; IXGBE_HLREG0_TXPADEN 0x400).</summary>
    public const uint MacTxPadEnable = 1u << 10;

    /// <summary>MAXFRS.MFS shift, bits 31:16: the largest frame accepted with JUMBOEN, CRC included (8.2.3.22.13; IXGBE_MHADD_MFS_SHIFT 16).</summary>
    public const int MaxFrameSizeShift = 16;

    /// <summary>AUTOC.Restart_AN, bit 12: restart auto-negotiation, self-clearing (8.2.3.22.19; IXGBE_AUTOC_AN_RESTART 0x1000).</summary>
    public const uint AutocRestartAutoNegotiation = 1u << 12;

    /// <summary>LINKS.Link_Up, bit 30 (8.2.3.22.20; IXGBE_LINKS_UP 0x40000000).</summary>
    public const uint LinksUp = 1u << 30;

    /// <summary>Mask of LINKS.LINK_SPEED, bits 29:28 (IXGBE_LINKS_SPEED_82599 0x30000000).</summary>
    public const uint LinksSpeedMask = 3u << 28;

    /// <summary>LINKS.LINK_SPEED = 11b: 10 Gb/s (IXGBE_LINKS_SPEED_10G_82599 0x30000000).</summary>
    public const uint LinksSpeed10G = 3u << 28;

    /// <summary>LINKS.LINK_SPEED = 10b: 1 Gb/s (IXGBE_LINKS_SPEED_1G_82599 0x20000000).</summary>
    public const uint LinksSpeed1G = 2u << 28;

    /// <summary>LINKS.LINK_SPEED = 01b: 100 Mb/s (IXGBE_LINKS_SPEED_100_82599 0x10000000).</summary>
    public const uint LinksSpeed100M = 1u << 28;

    /// <summary>EICR.DHER, bit 29: descriptor handler error, a failed descriptor DMA (8.2.3.5.1; IXGBE_EICR_DHER 0x20000000).</summary>
    public const uint InterruptDescriptorHandlerError = 1u << 29;

    /// <summary>What a read of any register returns once the device is gone from the bus (the PCIe master-abort value).</summary>
    public const uint RemovedDeviceRead = 0xFFFFFFFF;

    /// <summary>EIMC value masking every cause (8.2.3.5.5; IXGBE_IRQ_CLEAR_MASK 0xFFFFFFFF).</summary>
    public const uint InterruptClearAll = 0xFFFFFFFF;

    /// <summary>GPIE.Multiple_MSIX, bit 4: MSI-X mode (8.2.3.5.18; IXGBE_GPIE_MSIX_MODE 0x10).</summary>
    public const uint GpieMsixMode = 1u << 4;

    /// <summary>GPIE.EIAME, bit 30: auto-mask EIMS bits named in EIAM when an MSI-X message is sent (8.2.3.5.18; IXGBE_GPIE_EIAME 0x40000000).</summary>
    public const uint GpieAutoMaskEnable = 1u << 30;

    /// <summary>GPIE.PBA_support, bit 31: MSI-X pending-bit array mode (8.2.3.5.18; IXGBE_GPIE_PBA_SUPPORT 0x80000000).</summary>
    public const uint GpiePbaSupport = 1u << 31;

    /// <summary>IVAR entry valid bit 7; vector in bits 5:0 (8.2.3.5.16; IXGBE_IVAR_ALLOC_VAL 0x80).</summary>
    public const uint IvarValid = 1u << 7;

    /// <summary>EITR.ITR_Interval, bits 11:3, in 2 µs units at 10 Gb/s (8.2.3.5.12; IXGBE_EITR_ITR_INT_MASK 0x00000FF8).</summary>
    public const uint EitrIntervalMask = 0x0FF8;

    /// <summary>EITR.CNT_WDIS, bit 31: write the interval without touching the counter (8.2.3.5.12; IXGBE_EITR_CNT_WDIS 0x80000000).</summary>
    public const uint EitrCounterWriteDisable = 1u << 31;
}
