namespace FastPath.Drivers.Igb.Registers;

/// <summary>
/// Bit fields of the 82576 registers in <see cref="IgbRegister"/> (82576 datasheet section 8; names as in Linux's
/// public e1000_defines.h of the igb driver).
/// </summary>
public static class IgbBits
{
    /// <summary>CTRL.SLU, bit 6: set link up (8.2.1; E1000_CTRL_SLU 0x40).</summary>
    public const uint ControlSetLinkUp = 1u << 6;

    /// <summary>CTRL.FRCSPD, bit 11: force speed (8.2.1; E1000_CTRL_FRCSPD 0x800); cleared so the PHY's resolution applies.</summary>
    public const uint ControlForceSpeed = 1u << 11;

    /// <summary>CTRL.FRCDPX, bit 12: force duplex (8.2.1; E1000_CTRL_FRCDPX 0x1000).</summary>
    public const uint ControlForceDuplex = 1u << 12;

    /// <summary>CTRL.RST, bit 26: device reset, self-clearing (8.2.1, 4.3.1; E1000_CTRL_RST 0x04000000).</summary>
    public const uint ControlReset = 1u << 26;

    /// <summary>STATUS.FD, bit 0: full duplex (8.2.2; E1000_STATUS_FD).</summary>
    public const uint StatusFullDuplex = 1u << 0;

    /// <summary>STATUS.LU, bit 1: link up (8.2.2; E1000_STATUS_LU).</summary>
    public const uint StatusLinkUp = 1u << 1;

    /// <summary>STATUS.SPEED, bits 7:6: 00b 10, 01b 100, 1xb 1000 Mbit/s (8.2.2; E1000_STATUS_SPEED_*).</summary>
    public const uint StatusSpeedMask = 3u << 6;

    /// <summary>STATUS.SPEED value for 100 Mbit/s (E1000_STATUS_SPEED_100 0x40).</summary>
    public const uint StatusSpeed100 = 1u << 6;

    /// <summary>EECD.AUTO_RD, bit 9: the EEPROM auto-read after reset is done (8.2.3; E1000_EECD_AUTO_RD 0x200).</summary>
    public const uint EepromAutoReadDone = 1u << 9;

    /// <summary>EECD.PRES, bit 8: an EEPROM is present and its contents were loaded (8.2.3; E1000_EECD_PRES 0x100).</summary>
    public const uint EepromPresent = 1u << 8;

    /// <summary>CTRL_EXT.DRV_LOAD, bit 28: a driver has taken the device (8.2.5; E1000_CTRL_EXT_DRV_LOAD 0x10000000).</summary>
    public const uint ExtendedControlDriverLoaded = 1u << 28;

    /// <summary>MDIC.DATA, bits 15:0 (8.2.6; E1000_MDIC_DATA_MASK).</summary>
    public const uint MdicDataMask = 0xFFFF;

    /// <summary>MDIC.REGADD shift, bits 20:16: the PHY register (8.2.6; E1000_MDIC_REG_SHIFT 16).</summary>
    public const int MdicRegisterShift = 16;

    /// <summary>MDIC.PHYADD shift, bits 25:21: the PHY address (8.2.6; E1000_MDIC_PHY_SHIFT 21).</summary>
    public const int MdicPhyShift = 21;

    /// <summary>MDIC.OP = 01b, bits 27:26: write (8.2.6; E1000_MDIC_OP_WRITE 0x04000000).</summary>
    public const uint MdicOpWrite = 1u << 26;

    /// <summary>MDIC.OP = 10b, bits 27:26: read (8.2.6; E1000_MDIC_OP_READ 0x08000000).</summary>
    public const uint MdicOpRead = 2u << 26;

    /// <summary>MDIC.R, bit 28: the MDI transaction is done (8.2.6; E1000_MDIC_READY 0x10000000).</summary>
    public const uint MdicReady = 1u << 28;

    /// <summary>MDIC.E, bit 30: the MDI transaction failed (8.2.6; E1000_MDIC_ERROR 0x40000000).</summary>
    public const uint MdicError = 1u << 30;

    /// <summary>The address of the 82576's internal PHY on its MDIO bus (8.2.6: PHYADD must be 1).</summary>
    public const uint InternalPhyAddress = 1;

    /// <summary>IMC: every legacy interrupt cause (8.8.8; no header macro, the kernel writes ~0).</summary>
    public const uint InterruptClearAll = 0xFFFFFFFF;

    /// <summary>RCTL.RXEN, bit 1: receiver enable (8.10.1; E1000_RCTL_EN 0x2).</summary>
    public const uint ReceiveEnable = 1u << 1;

    /// <summary>RCTL.UPE, bit 3: unicast promiscuous (8.10.1; E1000_RCTL_UPE 0x8).</summary>
    public const uint ReceiveUnicastPromiscuous = 1u << 3;

    /// <summary>RCTL.MPE, bit 4: multicast promiscuous (8.10.1; E1000_RCTL_MPE 0x10).</summary>
    public const uint ReceiveMulticastPromiscuous = 1u << 4;

    /// <summary>RCTL.LPE, bit 5: long packet (jumbo) enable (8.10.1; E1000_RCTL_LPE 0x20).</summary>
    public const uint ReceiveLongPacketEnable = 1u << 5;

    /// <summary>RCTL.BAM, bit 15: accept broadcast (8.10.1; E1000_RCTL_BAM 0x8000).</summary>
    public const uint ReceiveBroadcastAccept = 1u << 15;

    /// <summary>RCTL.VFE, bit 18: tagged frames pass only when their id is set in VFTA (8.10.1; E1000_RCTL_VFE 0x00040000).</summary>
    public const uint ReceiveVlanFilterEnable = 1u << 18;

    /// <summary>CTRL.VME, bit 30: strip the 802.1Q tag of received frames into the descriptor, for the whole port (8.2.1; E1000_CTRL_VME 0x40000000).</summary>
    public const uint ControlVlanModeEnable = 1u << 30;

    /// <summary>RCTL.SECRC, bit 26: strip the Ethernet CRC (8.10.1; E1000_RCTL_SECRC 0x04000000).</summary>
    public const uint ReceiveStripCrc = 1u << 26;

    /// <summary>TCTL.EN, bit 1: transmit enable (8.12.1; E1000_TCTL_EN 0x2).</summary>
    public const uint TransmitEnable = 1u << 1;

    /// <summary>TCTL.PSP, bit 3: pad short packets (8.12.1; E1000_TCTL_PSP 0x8).</summary>
    public const uint TransmitPadShortPackets = 1u << 3;

    /// <summary>GPIE.Multiple_MSIX, bit 4: MSI-X mode, one vector per cause (8.8.15; E1000_GPIE_MSIX_MODE 0x10).</summary>
    public const uint GpieMsixMode = 1u << 4;

    /// <summary>GPIE.EIAME, bit 30: EIAM auto-masks a vector when its message is sent (8.8.15; E1000_GPIE_EIAME 0x40000000).</summary>
    public const uint GpieAutoMaskEnable = 1u << 30;

    /// <summary>GPIE.PBA_Support, bit 31: MSI-X pending bits (8.8.15; E1000_GPIE_PBA 0x80000000).</summary>
    public const uint GpiePbaSupport = 1u << 31;

    /// <summary>EITR.Interval, bits 14:2, in 1 µs units on the 82576 (8.8.12; not in the e1000 headers).</summary>
    public const uint EitrIntervalMask = 0x7FFC;

    /// <summary>EITR.CNT_INGR, bit 31: leave the counter alone when writing the interval (8.8.12; E1000_EITR_CNT_IGNR).</summary>
    public const uint EitrCounterIgnore = 1u << 31;

    /// <summary>IVAR entry valid bit, bit 7 of each byte (8.8.14; E1000_IVAR_VALID 0x80).</summary>
    public const uint IvarValid = 0x80;

    /// <summary>RAH.AV, bit 31: the receive address is valid (8.10.14; E1000_RAH_AV).</summary>
    public const uint ReceiveAddressValid = 1u << 31;

    /// <summary>RXCSUM.PCSD, bit 13: the descriptor carries the RSS hash instead of the fragment checksum (8.10.6; E1000_RXCSUM_PCSD).</summary>
    public const uint ChecksumPacketChecksumDisable = 1u << 13;

    /// <summary>MRQC.Multiple_Receive_Queues_Enable = 010b: RSS only (8.10.9; E1000_MRQC_ENABLE_RSS_MQ 0x2).</summary>
    public const uint MrqcEnableRss = 0x2;

    /// <summary>MRQC hash field: IPv4 with TCP ports, bit 16 (8.10.9; E1000_MRQC_RSS_FIELD_IPV4_TCP).</summary>
    public const uint MrqcFieldIPv4Tcp = 1u << 16;

    /// <summary>MRQC hash field: IPv4 addresses, bit 17 (E1000_MRQC_RSS_FIELD_IPV4).</summary>
    public const uint MrqcFieldIPv4 = 1u << 17;

    /// <summary>MRQC hash field: IPv6 addresses, bit 20 (E1000_MRQC_RSS_FIELD_IPV6).</summary>
    public const uint MrqcFieldIPv6 = 1u << 20;

    /// <summary>MRQC hash field: IPv6 with TCP ports, bit 21 (E1000_MRQC_RSS_FIELD_IPV6_TCP).</summary>
    public const uint MrqcFieldIPv6Tcp = 1u << 21;

    /// <summary>MRQC hash field: IPv4 with UDP ports, bit 22 (E1000_MRQC_RSS_FIELD_IPV4_UDP).</summary>
    public const uint MrqcFieldIPv4Udp = 1u << 22;

    /// <summary>MRQC hash field: IPv6 with UDP ports, bit 23 (E1000_MRQC_RSS_FIELD_IPV6_UDP).</summary>
    public const uint MrqcFieldIPv6Udp = 1u << 23;

    /// <summary>SRRCTL.BSIZEPACKET, bits 6:0: receive buffer size in KiB (8.10.2; not in the e1000 headers, which have only E1000_SRRCTL_BSIZEPKT_SHIFT 10).</summary>
    public const uint SrrctlPacketBufferSizeMask = 0x7F;

    /// <summary>SRRCTL.DESCTYPE = 001b in bits 27:25: advanced descriptors, one buffer (8.10.2; E1000_SRRCTL_DESCTYPE_ADV_ONEBUF).</summary>
    public const uint SrrctlAdvancedOneBuffer = 1u << 25;

    /// <summary>SRRCTL.Drop_En, bit 31: drop frames when the queue has no descriptor instead of stalling the others (8.10.2; E1000_SRRCTL_DROP_EN 0x80000000).</summary>
    public const uint SrrctlDropEnable = 1u << 31;

    /// <summary>RXDCTL/TXDCTL.PTHRESH shift, bits 4:0: prefetch threshold (8.10.10, 8.12.13; not in the e1000 headers).</summary>
    public const int DescriptorControlPrefetchShift = 0;

    /// <summary>RXDCTL/TXDCTL.HTHRESH shift, bits 12:8: host threshold (8.10.10, 8.12.13).</summary>
    public const int DescriptorControlHostShift = 8;

    /// <summary>RXDCTL/TXDCTL.WTHRESH shift, bits 20:16: write-back threshold (8.10.10, 8.12.13).</summary>
    public const int DescriptorControlWriteBackShift = 16;
}
