using FastPath.Drivers.Igb;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Rx;
using S = FastPath.Drivers.Igb.Statistics.IgbStatisticsAccumulator;
using R = FastPath.Drivers.Igb.Registers.IgbRegister;
using B = FastPath.Drivers.Igb.Registers.IgbBits;

namespace FastPath.Drivers.HeaderCheck.Tests;

/// <summary>The 82576 driver's values and the e1000_regs.h / e1000_defines.h / e1000_82575.h expression each must equal.</summary>
public static class IgbHeaderTable
{
    public static IReadOnlyList<HeaderValue> Rows()
    {
        var rows = new List<HeaderValue>
        {
            new("E1000_CTRL", R.DeviceControl, "IgbRegister.DeviceControl"),
            new("E1000_STATUS", R.DeviceStatus, "IgbRegister.DeviceStatus"),
            new("E1000_EECD", R.EepromControl, "IgbRegister.EepromControl"),
            new("E1000_CTRL_EXT", R.ExtendedControl, "IgbRegister.ExtendedControl"),
            new("E1000_MDIC", R.MdiControl, "IgbRegister.MdiControl"),
            new("E1000_IMC", R.InterruptMaskClear, "IgbRegister.InterruptMaskClear"),
            new("E1000_RCTL", R.ReceiveControl, "IgbRegister.ReceiveControl"),
            new("E1000_TCTL", R.TransmitControl, "IgbRegister.TransmitControl"),
            new("E1000_GPIE", R.GeneralPurposeInterruptEnable, "IgbRegister.GeneralPurposeInterruptEnable"),
            new("E1000_EICR", R.ExtendedInterruptCause, "IgbRegister.ExtendedInterruptCause"),
            new("E1000_EIMS", R.ExtendedInterruptMaskSet, "IgbRegister.ExtendedInterruptMaskSet"),
            new("E1000_EIMC", R.ExtendedInterruptMaskClear, "IgbRegister.ExtendedInterruptMaskClear"),
            new("E1000_EIAC", R.ExtendedInterruptAutoClear, "IgbRegister.ExtendedInterruptAutoClear"),
            new("E1000_EIAM", R.ExtendedInterruptAutoMask, "IgbRegister.ExtendedInterruptAutoMask"),
            new("E1000_RLPML", R.LongPacketMaximumLength, "IgbRegister.LongPacketMaximumLength"),
            new("E1000_RXCSUM", R.ReceiveChecksumControl, "IgbRegister.ReceiveChecksumControl"),
            new("E1000_MRQC", R.MultipleReceiveQueuesCommand, "IgbRegister.MultipleReceiveQueuesCommand"),
            new("E1000_MTA", R.MulticastTableBase, "IgbRegister.MulticastTableBase"),

            new("E1000_CTRL_SLU", B.ControlSetLinkUp, "IgbBits.ControlSetLinkUp"),
            new("E1000_CTRL_FRCSPD", B.ControlForceSpeed, "IgbBits.ControlForceSpeed"),
            new("E1000_CTRL_FRCDPX", B.ControlForceDuplex, "IgbBits.ControlForceDuplex"),
            new("E1000_CTRL_RST", B.ControlReset, "IgbBits.ControlReset"),
            new("E1000_STATUS_FD", B.StatusFullDuplex, "IgbBits.StatusFullDuplex"),
            new("E1000_STATUS_LU", B.StatusLinkUp, "IgbBits.StatusLinkUp"),
            new("E1000_STATUS_SPEED_100 | E1000_STATUS_SPEED_1000", B.StatusSpeedMask, "IgbBits.StatusSpeedMask"),
            new("E1000_STATUS_SPEED_100", B.StatusSpeed100, "IgbBits.StatusSpeed100"),
            new("E1000_EECD_AUTO_RD", B.EepromAutoReadDone, "IgbBits.EepromAutoReadDone"),
            new("E1000_EECD_PRES", B.EepromPresent, "IgbBits.EepromPresent"),
            new("E1000_CTRL_EXT_DRV_LOAD", B.ExtendedControlDriverLoaded, "IgbBits.ExtendedControlDriverLoaded"),
            new("E1000_MDIC_DATA_MASK", B.MdicDataMask, "IgbBits.MdicDataMask"),
            new("E1000_MDIC_REG_SHIFT", (ulong)B.MdicRegisterShift, "IgbBits.MdicRegisterShift"),
            new("E1000_MDIC_PHY_SHIFT", (ulong)B.MdicPhyShift, "IgbBits.MdicPhyShift"),
            new("E1000_MDIC_OP_WRITE", B.MdicOpWrite, "IgbBits.MdicOpWrite"),
            new("E1000_MDIC_OP_READ", B.MdicOpRead, "IgbBits.MdicOpRead"),
            new("E1000_MDIC_READY", B.MdicReady, "IgbBits.MdicReady"),
            new("E1000_MDIC_ERROR", B.MdicError, "IgbBits.MdicError"),
            new("E1000_RCTL_EN", B.ReceiveEnable, "IgbBits.ReceiveEnable"),
            new("E1000_RCTL_UPE", B.ReceiveUnicastPromiscuous, "IgbBits.ReceiveUnicastPromiscuous"),
            new("E1000_RCTL_MPE", B.ReceiveMulticastPromiscuous, "IgbBits.ReceiveMulticastPromiscuous"),
            new("E1000_RCTL_LPE", B.ReceiveLongPacketEnable, "IgbBits.ReceiveLongPacketEnable"),
            new("E1000_RCTL_VFE", B.ReceiveVlanFilterEnable, "IgbBits.ReceiveVlanFilterEnable"),
            new("E1000_CTRL_VME", B.ControlVlanModeEnable, "IgbBits.ControlVlanModeEnable"),
            new("MAX_JUMBO_FRAME_SIZE - 4 - 4", (ulong)new IgbPortOptions().MaxFrameSizeLimit, "IgbPortOptions.MaxFrameSizeLimit (less CRC and VLAN tag)"),
            new("E1000_RCTL_BAM", B.ReceiveBroadcastAccept, "IgbBits.ReceiveBroadcastAccept"),
            new("E1000_RCTL_SECRC", B.ReceiveStripCrc, "IgbBits.ReceiveStripCrc"),
            new("E1000_TCTL_EN", B.TransmitEnable, "IgbBits.TransmitEnable"),
            new("E1000_TCTL_PSP", B.TransmitPadShortPackets, "IgbBits.TransmitPadShortPackets"),
            new("E1000_GPIE_MSIX_MODE", B.GpieMsixMode, "IgbBits.GpieMsixMode"),
            new("E1000_GPIE_EIAME", B.GpieAutoMaskEnable, "IgbBits.GpieAutoMaskEnable"),
            new("E1000_GPIE_PBA", B.GpiePbaSupport, "IgbBits.GpiePbaSupport"),
            new("E1000_EITR_CNT_IGNR", B.EitrCounterIgnore, "IgbBits.EitrCounterIgnore"),
            new("E1000_IVAR_VALID", B.IvarValid, "IgbBits.IvarValid"),
            new("E1000_RAH_AV", B.ReceiveAddressValid, "IgbBits.ReceiveAddressValid"),
            new("E1000_RXCSUM_PCSD", B.ChecksumPacketChecksumDisable, "IgbBits.ChecksumPacketChecksumDisable"),
            new("E1000_MRQC_ENABLE_RSS_MQ", B.MrqcEnableRss, "IgbBits.MrqcEnableRss"),
            new("E1000_MRQC_RSS_FIELD_IPV4_TCP", B.MrqcFieldIPv4Tcp, "IgbBits.MrqcFieldIPv4Tcp"),
            new("E1000_MRQC_RSS_FIELD_IPV4", B.MrqcFieldIPv4, "IgbBits.MrqcFieldIPv4"),
            new("E1000_MRQC_RSS_FIELD_IPV6", B.MrqcFieldIPv6, "IgbBits.MrqcFieldIPv6"),
            new("E1000_MRQC_RSS_FIELD_IPV6_TCP", B.MrqcFieldIPv6Tcp, "IgbBits.MrqcFieldIPv6Tcp"),
            new("E1000_MRQC_RSS_FIELD_IPV4_UDP", B.MrqcFieldIPv4Udp, "IgbBits.MrqcFieldIPv4Udp"),
            new("E1000_MRQC_RSS_FIELD_IPV6_UDP", B.MrqcFieldIPv6Udp, "IgbBits.MrqcFieldIPv6Udp"),
            new("E1000_SRRCTL_DESCTYPE_ADV_ONEBUF", B.SrrctlAdvancedOneBuffer, "IgbBits.SrrctlAdvancedOneBuffer"),
            new("E1000_SRRCTL_DROP_EN", B.SrrctlDropEnable, "IgbBits.SrrctlDropEnable"),
            new("E1000_COLLISION_THRESHOLD << E1000_CT_SHIFT", IxgbeHeaderTable.Private(typeof(IgbPort<>), "TransmitCollisionThreshold"), "IgbPort.TransmitCollisionThreshold"),
            new("E1000_COLLISION_DISTANCE << E1000_COLD_SHIFT", IxgbeHeaderTable.Private(typeof(IgbPort<>), "TransmitCollisionDistance"), "IgbPort.TransmitCollisionDistance"),

            new("E1000_CRCERRS", S.CrcErrorCount, "IgbStatisticsAccumulator.CrcErrorCount"),
            new("E1000_RXERRC", S.ReceiveErrorCount, "IgbStatisticsAccumulator.ReceiveErrorCount"),
            new("E1000_MPC", S.MissedPacketCount, "IgbStatisticsAccumulator.MissedPacketCount"),
            new("E1000_RLEC", S.LengthErrorCount, "IgbStatisticsAccumulator.LengthErrorCount"),
            new("E1000_GPRC", S.GoodPacketsReceivedCount, "IgbStatisticsAccumulator.GoodPacketsReceivedCount"),
            new("E1000_BPRC", S.BroadcastPacketsReceivedCount, "IgbStatisticsAccumulator.BroadcastPacketsReceivedCount"),
            new("E1000_MPRC", S.MulticastPacketsReceivedCount, "IgbStatisticsAccumulator.MulticastPacketsReceivedCount"),
            new("E1000_GPTC", S.GoodPacketsTransmittedCount, "IgbStatisticsAccumulator.GoodPacketsTransmittedCount"),
            new("E1000_GORCL", S.GoodOctetsReceivedLow, "IgbStatisticsAccumulator.GoodOctetsReceivedLow"),
            new("E1000_GORCH", S.GoodOctetsReceivedLow + 4, "IgbStatisticsAccumulator.GoodOctetsReceivedLow + 4 (GORCH)"),
            new("E1000_GOTCL", S.GoodOctetsTransmittedLow, "IgbStatisticsAccumulator.GoodOctetsTransmittedLow"),
            new("E1000_GOTCH", S.GoodOctetsTransmittedLow + 4, "IgbStatisticsAccumulator.GoodOctetsTransmittedLow + 4 (GOTCH)"),
            new("E1000_RNBC", S.NoBufferCount, "IgbStatisticsAccumulator.NoBufferCount"),
            new("E1000_TPR", S.TotalPacketsReceivedCount, "IgbStatisticsAccumulator.TotalPacketsReceivedCount"),
            new("E1000_TPT", S.TotalPacketsTransmittedCount, "IgbStatisticsAccumulator.TotalPacketsTransmittedCount"),

            new("E1000_RXDCTL_QUEUE_ENABLE", QueueRegisterOffsets.QueueEnable, "QueueRegisterOffsets.QueueEnable (82576 RXDCTL)"),
            new("E1000_TXDCTL_QUEUE_ENABLE", QueueRegisterOffsets.QueueEnable, "QueueRegisterOffsets.QueueEnable (82576 TXDCTL)"),
            new("E1000_RXD_STAT_DD", AdvancedRxStatus.DescriptorDone, "AdvancedRxStatus.DescriptorDone (82576)"),
            new("E1000_RXD_STAT_EOP", AdvancedRxStatus.EndOfPacket, "AdvancedRxStatus.EndOfPacket (82576)"),
            new("E1000_RXD_STAT_VP", AdvancedRxStatus.VlanPacket, "AdvancedRxStatus.VlanPacket (82576)"),
            new("E1000_RXD_STAT_TCPCS", AdvancedRxStatus.L4ChecksumChecked, "AdvancedRxStatus.L4ChecksumChecked (82576)"),
            new("E1000_RXDEXT_STATERR_RXE", AdvancedRxStatus.FrameError82576, "AdvancedRxStatus.FrameError82576"),
            new("E1000_RXDEXT_STATERR_IPE", AdvancedRxStatus.IpChecksumError82576, "AdvancedRxStatus.IpChecksumError82576"),
            new("E1000_RXDEXT_STATERR_TCPE", AdvancedRxStatus.L4ChecksumError82576, "AdvancedRxStatus.L4ChecksumError82576"),
            new("E1000_RXDEXT_STATERR_RXE", new IgbPortOptions().RxErrorLayout.FrameError, "IgbPortOptions.RxErrorLayout.FrameError (RxErrorLayout.Igb82576)"),
            new("E1000_RXDEXT_STATERR_IPE", new IgbPortOptions().RxErrorLayout.IpChecksumError, "IgbPortOptions.RxErrorLayout.IpChecksumError"),
            new("E1000_RXDEXT_STATERR_TCPE", new IgbPortOptions().RxErrorLayout.L4ChecksumError, "IgbPortOptions.RxErrorLayout.L4ChecksumError"),
            new("E1000_RXD_STAT_DD | E1000_RXD_STAT_EOP | E1000_RXDEXT_STATERR_RXE", new IgbPortOptions().RxErrorLayout.GoodFrameMask, "IgbPortOptions.RxErrorLayout.GoodFrameMask"),
            new("E1000_RXDEXT_STATERR_RXE | E1000_RXDEXT_STATERR_IPE | E1000_RXDEXT_STATERR_TCPE", RxErrorLayout.ErrorBits, "RxErrorLayout.ErrorBits (82576)"),
            new("E1000_ADVTXD_DTYP_DATA", AdvancedTxBits.TypeData, "AdvancedTxBits.TypeData (82576)"),
            new("E1000_ADVTXD_DTYP_CTXT", AdvancedTxBits.TypeContext, "AdvancedTxBits.TypeContext (82576)"),
            new("E1000_ADVTXD_DCMD_EOP", AdvancedTxBits.EndOfPacket, "AdvancedTxBits.EndOfPacket (82576)"),
            new("E1000_ADVTXD_DCMD_IFCS", AdvancedTxBits.InsertFcs, "AdvancedTxBits.InsertFcs (82576)"),
            new("E1000_ADVTXD_DCMD_RS", AdvancedTxBits.ReportStatus, "AdvancedTxBits.ReportStatus (82576)"),
            new("E1000_ADVTXD_DCMD_DEXT", AdvancedTxBits.Extended, "AdvancedTxBits.Extended (82576)"),
            new("E1000_ADVTXD_DCMD_VLE", AdvancedTxBits.InsertVlan, "AdvancedTxBits.InsertVlan (82576)"),
            new("E1000_TXD_STAT_DD", AdvancedTxBits.DescriptorDone, "AdvancedTxBits.DescriptorDone (82576)"),
            new("E1000_TXD_POPTS_IXSM << 8", AdvancedTxBits.InsertIpChecksum, "AdvancedTxBits.InsertIpChecksum (82576)"),
            new("E1000_TXD_POPTS_TXSM << 8", AdvancedTxBits.InsertL4Checksum, "AdvancedTxBits.InsertL4Checksum (82576)"),
            new("E1000_ADVTXD_PAYLEN_SHIFT", (ulong)AdvancedTxBits.PayloadLengthShift, "AdvancedTxBits.PayloadLengthShift (82576)"),
            new("E1000_ADVTXD_MACLEN_SHIFT", (ulong)AdvancedTxBits.MacLengthShift, "AdvancedTxBits.MacLengthShift (82576)"),
            new("E1000_ADVTXD_TUCMD_IPV4", AdvancedTxBits.ContextIPv4, "AdvancedTxBits.ContextIPv4 (82576)"),
            new("E1000_ADVTXD_TUCMD_L4T_TCP", AdvancedTxBits.ContextTcp, "AdvancedTxBits.ContextTcp (82576)"),
            new("E1000_ADVTXD_TUCMD_L4T_UDP", AdvancedTxBits.ContextUdp, "AdvancedTxBits.ContextUdp (82576)"),
            new("E1000_ADVTXD_L4LEN_SHIFT", IxgbeHeaderTable.Private(typeof(AdvancedTxBits).Assembly.GetType("FastPath.Drivers.Intel.Tx.TxOffloadContext")!, "L4LengthShift"), "TxOffloadContext.L4LengthShift (82576)"),
        };

        // Queues 0-3 also answer at the legacy 0x02800/0x03800 + 0x100n, which the header uses for them; the
        // 82576's own block (datasheet 8.10, 8.12) holds all 16 queues at 0x0C000/0x0E000 + 0x40n, the driver's choice.
        foreach (int q in (int[])[4, 5, 15])
        {
            rows.Add(new($"E1000_RDBAL({q})", R.RxBaseLow(q), $"IgbRegister.RxBaseLow({q})"));
            rows.Add(new($"E1000_RDBAH({q})", R.RxBaseHigh(q), $"IgbRegister.RxBaseHigh({q})"));
            rows.Add(new($"E1000_RDLEN({q})", R.RxLength(q), $"IgbRegister.RxLength({q})"));
            rows.Add(new($"E1000_SRRCTL({q})", R.RxSplitControl(q), $"IgbRegister.RxSplitControl({q})"));
            rows.Add(new($"E1000_RDH({q})", R.RxHead(q), $"IgbRegister.RxHead({q})"));
            rows.Add(new($"E1000_RDT({q})", R.RxTail(q), $"IgbRegister.RxTail({q})"));
            rows.Add(new($"E1000_RXDCTL({q})", R.RxControl(q), $"IgbRegister.RxControl({q})"));
            rows.Add(new($"E1000_TDBAL({q})", R.TxBaseLow(q), $"IgbRegister.TxBaseLow({q})"));
            rows.Add(new($"E1000_TDBAH({q})", R.TxBaseHigh(q), $"IgbRegister.TxBaseHigh({q})"));
            rows.Add(new($"E1000_TDLEN({q})", R.TxLength(q), $"IgbRegister.TxLength({q})"));
            rows.Add(new($"E1000_TDH({q})", R.TxHead(q), $"IgbRegister.TxHead({q})"));
            rows.Add(new($"E1000_TDT({q})", R.TxTail(q), $"IgbRegister.TxTail({q})"));
            rows.Add(new($"E1000_TXDCTL({q})", R.TxControl(q), $"IgbRegister.TxControl({q})"));
        }

        foreach (int q in (int[])[0, 1, 15])
        {
            rows.Add(new($"E1000_RQDPC({q})", R.RxQueueDropCount(q), $"IgbRegister.RxQueueDropCount({q})"));
        }

        foreach (int n in (int[])[0, 1, 9, 24])
        {
            rows.Add(new($"E1000_EITR({n})", R.InterruptThrottle(n), $"IgbRegister.InterruptThrottle({n})"));
        }

        foreach (int n in (int[])[0, 1, 7])
        {
            rows.Add(new($"E1000_IVAR0 + 4 * {n}", R.InterruptVectorAllocation(n), $"IgbRegister.InterruptVectorAllocation({n})"));
        }

        foreach (int n in (int[])[0, 1, 127])
        {
            rows.Add(new($"E1000_MTA + 4 * {n}", R.MulticastTable(n), $"IgbRegister.MulticastTable({n})"));
            rows.Add(new($"E1000_VFTA + 4 * {n}", R.VlanFilterTable(n), $"IgbRegister.VlanFilterTable({n})"));
        }

        foreach (int n in (int[])[0, 1, 15])
        {
            rows.Add(new($"E1000_RAL({n})", R.ReceiveAddressLow(n), $"IgbRegister.ReceiveAddressLow({n})"));
            rows.Add(new($"E1000_RAH({n})", R.ReceiveAddressHigh(n), $"IgbRegister.ReceiveAddressHigh({n})"));
        }

        foreach (int n in (int[])[0, 1, 31])
        {
            rows.Add(new($"E1000_RETA({n})", R.RedirectionTable(n), $"IgbRegister.RedirectionTable({n})"));
        }

        foreach (int n in (int[])[0, 1, 9])
        {
            rows.Add(new($"E1000_RSSRK({n})", R.RssKey(n), $"IgbRegister.RssKey({n})"));
        }

        rows.AddRange(IxgbeHeaderTable.Layout(typeof(AdvancedRxDescriptor), "union e1000_adv_rx_desc", new()
        {
            ["PacketAddress"] = "read.pkt_addr", ["HeaderAddress"] = "read.hdr_addr", ["RssHash"] = "wb.lower.hi_dword.rss",
            ["StatusError"] = "wb.upper.status_error", ["Length"] = "wb.upper.length", ["VlanTag"] = "wb.upper.vlan",
        }));
        rows.Add(new("offsetof(union e1000_adv_rx_desc, wb.lower.lo_dword.pkt_info)", (ulong)System.Runtime.InteropServices.Marshal.OffsetOf<AdvancedRxDescriptor>("PacketInfo"), "AdvancedRxDescriptor.PacketInfo offset (union e1000_adv_rx_desc)"));
        rows.Add(new("sizeof(((union e1000_adv_rx_desc*)0)->wb.lower.lo_dword)", sizeof(uint), "AdvancedRxDescriptor.PacketInfo size (union e1000_adv_rx_desc)"));
        rows.AddRange(IxgbeHeaderTable.Layout(typeof(AdvancedTxDescriptor), "union e1000_adv_tx_desc", new()
        {
            ["BufferAddress"] = "read.buffer_addr", ["CommandTypeLength"] = "read.cmd_type_len", ["OffloadStatus"] = "read.olinfo_status",
        }));
        return rows;
    }

    /// <summary>The driver's constants that the e1000 headers do not hold, with the 82576 datasheet section that does.</summary>
    public static readonly NotInHeaders[] NotInTheHeader =
    [
        new("IgbRegister.MulticastTableCount", "82576 datasheet 8.10.15: MTA[n], n = 0..127 (the header has only the array base E1000_MTA)"),
        new("IgbRegister.RedirectionTableCount", "82576 datasheet 8.10.10: RETA[n], n = 0..31"),
        new("IgbRegister.RssKeyCount", "82576 datasheet 8.10.11: RSSRK[n], n = 0..9"),
        new("IgbRegister.QueueCount", "82576 datasheet 7.1.1 / 7.2.1: 16 receive and 16 transmit queues (igb.h, not these headers, holds IGB_MAX_RX_QUEUES)"),
        new("IgbBits.InternalPhyAddress", "82576 datasheet 8.2.6: MDIC.PHYADD of the internal PHY is 1 (the kernel reads it from the hardware)"),
        new("IgbBits.InterruptClearAll", "82576 datasheet 8.8.8: IMC, writing all ones masks every cause (the kernel writes ~0 literally)"),
        new("IgbBits.EitrIntervalMask", "82576 datasheet 8.8.12: EITR.Interval bits 14:2"),
        new("IgbBits.SrrctlPacketBufferSizeMask", "82576 datasheet 8.10.2: SRRCTL.BSIZEPACKET bits 6:0 (the header has only E1000_SRRCTL_BSIZEPKT_SHIFT)"),
        new("IgbBits.DescriptorControlPrefetchShift", "82576 datasheet 8.10.10 / 8.12.13: RXDCTL/TXDCTL.PTHRESH bits 4:0"),
        new("IgbBits.DescriptorControlHostShift", "82576 datasheet 8.10.10 / 8.12.13: HTHRESH bits 12:8"),
        new("IgbBits.DescriptorControlWriteBackShift", "82576 datasheet 8.10.10 / 8.12.13: WTHRESH bits 20:16"),
    ];
}
