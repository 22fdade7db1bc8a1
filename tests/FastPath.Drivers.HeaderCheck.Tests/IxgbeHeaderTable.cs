using System.Reflection;
using System.Runtime.InteropServices;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Ixgbe;
using FastPath.Drivers.Ixgbe.Registers;
using R = FastPath.Drivers.Ixgbe.Registers.IxgbeRegister;
using B = FastPath.Drivers.Ixgbe.Registers.IxgbeBits;

namespace FastPath.Drivers.HeaderCheck.Tests;

/// <summary>The 82599 driver's values and the ixgbe_type.h expression each must equal.</summary>
public static class IxgbeHeaderTable
{
    /// <summary>Queue indexes the per-queue registers are evaluated at; 64 is where the 82599's receive queue block moves.</summary>
    private static readonly int[] RxQueues = [0, 1, 15, 63, 64, 127];

    public static IReadOnlyList<HeaderValue> Rows()
    {
        var rows = new List<HeaderValue>
        {
            new("IXGBE_CTRL", R.DeviceControl, "IxgbeRegister.DeviceControl"),
            new("IXGBE_STATUS", R.DeviceStatus, "IxgbeRegister.DeviceStatus"),
            new("IXGBE_CTRL_EXT", R.ExtendedControl, "IxgbeRegister.ExtendedControl"),
            new("IXGBE_EEC_8259X", R.EepromControl, "IxgbeRegister.EepromControl"),
            new("IXGBE_EICR", R.InterruptCause, "IxgbeRegister.InterruptCause"),
            new("IXGBE_EIMS", R.InterruptMaskSet, "IxgbeRegister.InterruptMaskSet"),
            new("IXGBE_EIMC", R.InterruptMaskClear, "IxgbeRegister.InterruptMaskClear"),
            new("IXGBE_EIAC", R.InterruptAutoClear, "IxgbeRegister.InterruptAutoClear"),
            new("IXGBE_EIAM", R.InterruptAutoMask, "IxgbeRegister.InterruptAutoMask"),
            new("IXGBE_GPIE", R.GeneralPurposeInterruptEnable, "IxgbeRegister.GeneralPurposeInterruptEnable"),
            new("IXGBE_RDRXCTL", R.ReceiveDmaControl, "IxgbeRegister.ReceiveDmaControl"),
            new("IXGBE_RXCTRL", R.ReceiveControl, "IxgbeRegister.ReceiveControl"),
            new("IXGBE_RXCSUM", R.ReceiveChecksumControl, "IxgbeRegister.ReceiveChecksumControl"),
            new("IXGBE_FCTRL", R.FilterControl, "IxgbeRegister.FilterControl"),
            new("IXGBE_MCSTCTRL", R.MulticastControl, "IxgbeRegister.MulticastControl"),
            new("IXGBE_VLNCTRL", R.VlanControl, "IxgbeRegister.VlanControl"),
            new("IXGBE_MRQC", R.MultipleReceiveQueuesCommand, "IxgbeRegister.MultipleReceiveQueuesCommand"),
            new("IXGBE_DMATXCTL", R.TransmitDmaControl, "IxgbeRegister.TransmitDmaControl"),
            new("IXGBE_HLREG0", R.MacCoreControl0, "IxgbeRegister.MacCoreControl0"),
            new("IXGBE_MAXFRS", R.MaxFrameSize, "IxgbeRegister.MaxFrameSize"),
            new("IXGBE_AUTOC", R.AutoNegotiationControl, "IxgbeRegister.AutoNegotiationControl"),
            new("IXGBE_LINKS", R.LinkStatus, "IxgbeRegister.LinkStatus"),
            new("IXGBE_CRCERRS", R.CrcErrorCount, "IxgbeRegister.CrcErrorCount"),
            new("IXGBE_RLEC", R.LengthErrorCount, "IxgbeRegister.LengthErrorCount"),
            new("IXGBE_RUC", R.UndersizeCount, "IxgbeRegister.UndersizeCount"),
            new("IXGBE_ROC", R.OversizeCount, "IxgbeRegister.OversizeCount"),
            new("IXGBE_GPRC", R.GoodPacketsReceived, "IxgbeRegister.GoodPacketsReceived"),
            new("IXGBE_GPTC", R.GoodPacketsTransmitted, "IxgbeRegister.GoodPacketsTransmitted"),
            new("IXGBE_GORCL", R.GoodOctetsReceivedLow, "IxgbeRegister.GoodOctetsReceivedLow"),
            new("IXGBE_GORCH", R.GoodOctetsReceivedHigh, "IxgbeRegister.GoodOctetsReceivedHigh"),
            new("IXGBE_GOTCL", R.GoodOctetsTransmittedLow, "IxgbeRegister.GoodOctetsTransmittedLow"),
            new("IXGBE_GOTCH", R.GoodOctetsTransmittedHigh, "IxgbeRegister.GoodOctetsTransmittedHigh"),

            new("IXGBE_CTRL_GIO_DIS", B.ControlMasterDisable, "IxgbeBits.ControlMasterDisable"),
            new("IXGBE_CTRL_LNK_RST", B.ControlLinkReset, "IxgbeBits.ControlLinkReset"),
            new("IXGBE_CTRL_RST", B.ControlReset, "IxgbeBits.ControlReset"),
            new("IXGBE_CTRL_RST_MASK", B.ControlResetMask, "IxgbeBits.ControlResetMask"),
            new("IXGBE_STATUS_GIO", B.StatusMasterEnable, "IxgbeBits.StatusMasterEnable"),
            new("IXGBE_CTRL_EXT_DRV_LOAD", B.ExtendedControlDriverLoaded, "IxgbeBits.ExtendedControlDriverLoaded"),
            new("IXGBE_EEC_ARD", B.EepromAutoReadDone, "IxgbeBits.EepromAutoReadDone"),
            new("IXGBE_RDRXCTL_CRCSTRIP", B.RdrxctlCrcStrip, "IxgbeBits.RdrxctlCrcStrip"),
            new("IXGBE_RDRXCTL_DMAIDONE", B.RdrxctlDmaInitDone, "IxgbeBits.RdrxctlDmaInitDone"),
            new("IXGBE_RXCTRL_RXEN", B.ReceiveEnable, "IxgbeBits.ReceiveEnable"),
            new("IXGBE_RXCSUM_PCSD", B.ChecksumPacketChecksumDisable, "IxgbeBits.ChecksumPacketChecksumDisable"),
            new("IXGBE_FCTRL_MPE", B.FilterMulticastPromiscuous, "IxgbeBits.FilterMulticastPromiscuous"),
            new("IXGBE_FCTRL_UPE", B.FilterUnicastPromiscuous, "IxgbeBits.FilterUnicastPromiscuous"),
            new("IXGBE_FCTRL_BAM", B.FilterBroadcastAccept, "IxgbeBits.FilterBroadcastAccept"),
            new("IXGBE_MCSTCTRL_MFE", B.MulticastFilterEnable, "IxgbeBits.MulticastFilterEnable"),
            new("IXGBE_RAH_AV", B.ReceiveAddressValid, "IxgbeBits.ReceiveAddressValid"),
            new("IXGBE_MRQC_RSSEN", B.MrqcRssEnable, "IxgbeBits.MrqcRssEnable"),
            new("IXGBE_MRQC_RSS_FIELD_IPV4_TCP", B.MrqcIPv4Tcp, "IxgbeBits.MrqcIPv4Tcp"),
            new("IXGBE_MRQC_RSS_FIELD_IPV4", B.MrqcIPv4, "IxgbeBits.MrqcIPv4"),
            new("IXGBE_MRQC_RSS_FIELD_IPV6", B.MrqcIPv6, "IxgbeBits.MrqcIPv6"),
            new("IXGBE_MRQC_RSS_FIELD_IPV6_TCP", B.MrqcIPv6Tcp, "IxgbeBits.MrqcIPv6Tcp"),
            new("IXGBE_MRQC_RSS_FIELD_IPV4_UDP", B.MrqcIPv4Udp, "IxgbeBits.MrqcIPv4Udp"),
            new("IXGBE_MRQC_RSS_FIELD_IPV6_UDP", B.MrqcIPv6Udp, "IxgbeBits.MrqcIPv6Udp"),
            new("__builtin_ctz(IXGBE_SRRCTL_BSIZEHDR_MASK)", (ulong)B.SrrctlHeaderSizeShift, "IxgbeBits.SrrctlHeaderSizeShift"),
            new("IXGBE_SRRCTL_DESCTYPE_ADV_ONEBUF", B.SrrctlAdvancedOneBuffer, "IxgbeBits.SrrctlAdvancedOneBuffer"),
            new("IXGBE_SRRCTL_DESCTYPE_MASK", B.SrrctlDescriptorTypeMask, "IxgbeBits.SrrctlDescriptorTypeMask"),
            new("IXGBE_SRRCTL_DROP_EN", B.SrrctlDropEnable, "IxgbeBits.SrrctlDropEnable"),
            new("IXGBE_DMATXCTL_TE", B.TransmitDmaEnable, "IxgbeBits.TransmitDmaEnable"),
            new("IXGBE_HLREG0_TXCRCEN", B.MacTxCrcEnable, "IxgbeBits.MacTxCrcEnable"),
            new("IXGBE_HLREG0_RXCRCSTRP", B.MacRxCrcStrip, "IxgbeBits.MacRxCrcStrip"),
            new("IXGBE_HLREG0_JUMBOEN", B.MacJumboEnable, "IxgbeBits.MacJumboEnable"),
            new("IXGBE_HLREG0_TXPADEN", B.MacTxPadEnable, "IxgbeBits.MacTxPadEnable"),
            new("IXGBE_MHADD_MFS_SHIFT", (ulong)B.MaxFrameSizeShift, "IxgbeBits.MaxFrameSizeShift"),
            new("IXGBE_AUTOC_AN_RESTART", B.AutocRestartAutoNegotiation, "IxgbeBits.AutocRestartAutoNegotiation"),
            new("IXGBE_LINKS_UP", B.LinksUp, "IxgbeBits.LinksUp"),
            new("IXGBE_LINKS_SPEED_82599", B.LinksSpeedMask, "IxgbeBits.LinksSpeedMask"),
            new("IXGBE_LINKS_SPEED_10G_82599", B.LinksSpeed10G, "IxgbeBits.LinksSpeed10G"),
            new("IXGBE_LINKS_SPEED_1G_82599", B.LinksSpeed1G, "IxgbeBits.LinksSpeed1G"),
            new("IXGBE_LINKS_SPEED_100_82599", B.LinksSpeed100M, "IxgbeBits.LinksSpeed100M"),
            new("IXGBE_IRQ_CLEAR_MASK", B.InterruptClearAll, "IxgbeBits.InterruptClearAll"),
            new("IXGBE_EICR_DHER", B.InterruptDescriptorHandlerError, "IxgbeBits.InterruptDescriptorHandlerError"),
            new("IXGBE_GPIE_MSIX_MODE", B.GpieMsixMode, "IxgbeBits.GpieMsixMode"),
            new("IXGBE_GPIE_EIAME", B.GpieAutoMaskEnable, "IxgbeBits.GpieAutoMaskEnable"),
            new("IXGBE_GPIE_PBA_SUPPORT", B.GpiePbaSupport, "IxgbeBits.GpiePbaSupport"),
            new("IXGBE_IVAR_ALLOC_VAL", B.IvarValid, "IxgbeBits.IvarValid"),
            new("IXGBE_EITR_ITR_INT_MASK", B.EitrIntervalMask, "IxgbeBits.EitrIntervalMask"),
            new("IXGBE_EITR_CNT_WDIS", B.EitrCounterWriteDisable, "IxgbeBits.EitrCounterWriteDisable"),

            new("IXGBE_RXDCTL_ENABLE", QueueRegisterOffsets.QueueEnable, "QueueRegisterOffsets.QueueEnable"),
            new("IXGBE_RXDCTL_VME", B.RxdctlVlanStrip, "IxgbeBits.RxdctlVlanStrip"),
            new("IXGBE_VLNCTRL_VET", B.VlanEtherTypeMask, "IxgbeBits.VlanEtherTypeMask"),
            new("IXGBE_VLNCTRL_VFE", B.VlanFilterEnable, "IxgbeBits.VlanFilterEnable"),
            new("IXGBE_DMATXCTL_VT_SHIFT", (ulong)B.DmatxctlVlanEtherTypeShift, "IxgbeBits.DmatxctlVlanEtherTypeShift"),
            new("IXGBE_ADVTXD_DCMD_VLE", AdvancedTxBits.InsertVlan, "AdvancedTxBits.InsertVlan"),
            new("IXGBE_ADVTXD_VLAN_SHIFT", (ulong)AdvancedTxBits.VlanShift, "AdvancedTxBits.VlanShift"),
            new("IXGBE_TXDCTL_ENABLE", QueueRegisterOffsets.QueueEnable, "QueueRegisterOffsets.QueueEnable (TXDCTL)"),

            new("IXGBE_RXD_STAT_DD", AdvancedRxStatus.DescriptorDone, "AdvancedRxStatus.DescriptorDone"),
            new("IXGBE_RXD_STAT_EOP", AdvancedRxStatus.EndOfPacket, "AdvancedRxStatus.EndOfPacket"),
            new("IXGBE_RXD_STAT_VP", AdvancedRxStatus.VlanPacket, "AdvancedRxStatus.VlanPacket"),
            new("IXGBE_RXD_STAT_L4CS", AdvancedRxStatus.L4ChecksumChecked, "AdvancedRxStatus.L4ChecksumChecked"),
            new("IXGBE_RXD_STAT_IPCS", AdvancedRxStatus.IpChecksumChecked, "AdvancedRxStatus.IpChecksumChecked"),
            new("IXGBE_RXDADV_ERR_USE", AdvancedRxStatus.FrameError, "AdvancedRxStatus.FrameError"),
            new("IXGBE_RXDADV_ERR_TCPE", AdvancedRxStatus.L4ChecksumError, "AdvancedRxStatus.L4ChecksumError"),
            new("IXGBE_RXDADV_ERR_IPE", AdvancedRxStatus.IpChecksumError, "AdvancedRxStatus.IpChecksumError"),
            new("IXGBE_RXDADV_ERR_USE", new IxgbePortOptions().RxErrorLayout.FrameError, "IxgbePortOptions.RxErrorLayout.FrameError (RxErrorLayout.Ixgbe82599)"),
            new("IXGBE_RXDADV_ERR_IPE", new IxgbePortOptions().RxErrorLayout.IpChecksumError, "IxgbePortOptions.RxErrorLayout.IpChecksumError"),
            new("IXGBE_RXDADV_ERR_TCPE", new IxgbePortOptions().RxErrorLayout.L4ChecksumError, "IxgbePortOptions.RxErrorLayout.L4ChecksumError"),
            new("IXGBE_RXD_STAT_DD | IXGBE_RXD_STAT_EOP | IXGBE_RXDADV_ERR_USE", new IxgbePortOptions().RxErrorLayout.GoodFrameMask, "IxgbePortOptions.RxErrorLayout.GoodFrameMask"),
            new("IXGBE_RXDADV_ERR_USE | IXGBE_RXDADV_ERR_TCPE | IXGBE_RXDADV_ERR_IPE", RxErrorLayout.ErrorBits, "RxErrorLayout.ErrorBits"),
            new("IXGBE_RXD_STAT_DD | IXGBE_RXD_STAT_EOP", AdvancedRxStatus.GoodFrameValue, "AdvancedRxStatus.GoodFrameValue"),
            new("IXGBE_RXDADV_RSSTYPE_MASK", AdvancedRxStatus.RssTypeMask, "AdvancedRxStatus.RssTypeMask"),
            new("__builtin_ctz(IXGBE_RXDADV_PKTTYPE_MASK)", (ulong)AdvancedRxStatus.PacketTypeShift, "AdvancedRxStatus.PacketTypeShift"),
            new("IXGBE_RXDADV_PKTTYPE_MASK_EX >> 4", AdvancedRxStatus.PacketTypeMask, "AdvancedRxStatus.PacketTypeMask"),
            new("IXGBE_RXDADV_RSSTYPE_NONE", AdvancedRxStatus.RssTypeNone, "AdvancedRxStatus.RssTypeNone"),
            new("IXGBE_RXDADV_RSSTYPE_IPV4_TCP", AdvancedRxStatus.RssTypeIPv4Tcp, "AdvancedRxStatus.RssTypeIPv4Tcp"),
            new("IXGBE_RXDADV_RSSTYPE_IPV4", AdvancedRxStatus.RssTypeIPv4, "AdvancedRxStatus.RssTypeIPv4"),
            new("IXGBE_RXDADV_RSSTYPE_IPV6_TCP", AdvancedRxStatus.RssTypeIPv6Tcp, "AdvancedRxStatus.RssTypeIPv6Tcp"),
            new("IXGBE_RXDADV_RSSTYPE_IPV6", AdvancedRxStatus.RssTypeIPv6, "AdvancedRxStatus.RssTypeIPv6"),
            new("IXGBE_RXDADV_RSSTYPE_IPV4_UDP", AdvancedRxStatus.RssTypeIPv4Udp, "AdvancedRxStatus.RssTypeIPv4Udp"),
            new("IXGBE_RXDADV_RSSTYPE_IPV6_UDP", AdvancedRxStatus.RssTypeIPv6Udp, "AdvancedRxStatus.RssTypeIPv6Udp"),
            new("IXGBE_RXDADV_PKTTYPE_IPV4 >> 4", AdvancedRxStatus.PacketTypeIPv4, "AdvancedRxStatus.PacketTypeIPv4"),
            new("IXGBE_RXDADV_PKTTYPE_IPV6 >> 4", AdvancedRxStatus.PacketTypeIPv6, "AdvancedRxStatus.PacketTypeIPv6"),
            new("IXGBE_RXDADV_PKTTYPE_TCP >> 4", AdvancedRxStatus.PacketTypeTcp, "AdvancedRxStatus.PacketTypeTcp"),
            new("IXGBE_RXDADV_PKTTYPE_UDP >> 4", AdvancedRxStatus.PacketTypeUdp, "AdvancedRxStatus.PacketTypeUdp"),

            new("IXGBE_ADVTXD_DTALEN_MASK", AdvancedTxBits.DataLengthMask, "AdvancedTxBits.DataLengthMask"),
            new("IXGBE_ADVTXD_DTYP_DATA", AdvancedTxBits.TypeData, "AdvancedTxBits.TypeData"),
            new("IXGBE_ADVTXD_DTYP_CTXT", AdvancedTxBits.TypeContext, "AdvancedTxBits.TypeContext"),
            new("IXGBE_ADVTXD_DTYP_MASK", AdvancedTxBits.TypeMask, "AdvancedTxBits.TypeMask"),
            new("IXGBE_ADVTXD_DCMD_EOP", AdvancedTxBits.EndOfPacket, "AdvancedTxBits.EndOfPacket"),
            new("IXGBE_ADVTXD_DCMD_IFCS", AdvancedTxBits.InsertFcs, "AdvancedTxBits.InsertFcs"),
            new("IXGBE_ADVTXD_DCMD_RS", AdvancedTxBits.ReportStatus, "AdvancedTxBits.ReportStatus"),
            new("IXGBE_ADVTXD_DCMD_DEXT", AdvancedTxBits.Extended, "AdvancedTxBits.Extended"),
            new("IXGBE_TXD_STAT_DD", AdvancedTxBits.DescriptorDone, "AdvancedTxBits.DescriptorDone"),
            new("IXGBE_ADVTXD_CC", AdvancedTxBits.CheckContext, "AdvancedTxBits.CheckContext"),
            new("IXGBE_TXD_POPTS_IXSM << 8", AdvancedTxBits.InsertIpChecksum, "AdvancedTxBits.InsertIpChecksum"),
            new("IXGBE_TXD_POPTS_TXSM << 8", AdvancedTxBits.InsertL4Checksum, "AdvancedTxBits.InsertL4Checksum"),
            new("IXGBE_ADVTXD_PAYLEN_SHIFT", (ulong)AdvancedTxBits.PayloadLengthShift, "AdvancedTxBits.PayloadLengthShift"),
            new("IXGBE_ADVTXD_MACLEN_SHIFT", (ulong)AdvancedTxBits.MacLengthShift, "AdvancedTxBits.MacLengthShift"),
            new("IXGBE_ADVTXD_TUCMD_IPV4", AdvancedTxBits.ContextIPv4, "AdvancedTxBits.ContextIPv4"),
            new("IXGBE_ADVTXD_TUCMD_L4T_TCP", AdvancedTxBits.ContextTcp, "AdvancedTxBits.ContextTcp"),
            new("IXGBE_ADVTXD_TUCMD_L4T_RSV", AdvancedTxBits.ContextL4TypeMask, "AdvancedTxBits.ContextL4TypeMask"),
            new("IXGBE_ADVTXD_TUCMD_L4T_UDP", AdvancedTxBits.ContextUdp, "AdvancedTxBits.ContextUdp"),
            new("IXGBE_ADVTXD_TUCMD_L4T_RSV", Private(typeof(AdvancedTxBits).Assembly.GetType("FastPath.Drivers.Intel.Tx.TxOffloadContext")!, "L4TypeNone"), "TxOffloadContext.L4TypeNone"),
            new("IXGBE_ADVTXD_L4LEN_SHIFT", Private(typeof(AdvancedTxBits).Assembly.GetType("FastPath.Drivers.Intel.Tx.TxOffloadContext")!, "L4LengthShift"), "TxOffloadContext.L4LengthShift"),

            new("IXGBE_RDBAL(0)", Private(typeof(FastPath.Drivers.Ixgbe.Model.Ixgbe82599Model), "RxQueueBlock"), "Ixgbe82599Model.RxQueueBlock"),
            new("IXGBE_TDBAL(0)", Private(typeof(FastPath.Drivers.Ixgbe.Model.Ixgbe82599Model), "TxQueueBlock"), "Ixgbe82599Model.TxQueueBlock"),
        };

        foreach (int q in RxQueues)
        {
            rows.Add(new($"IXGBE_RDBAL({q})", R.RxBaseLow(q), $"IxgbeRegister.RxBaseLow({q})"));
            rows.Add(new($"IXGBE_RDBAH({q})", R.RxBaseHigh(q), $"IxgbeRegister.RxBaseHigh({q})"));
            rows.Add(new($"IXGBE_RDLEN({q})", R.RxLength(q), $"IxgbeRegister.RxLength({q})"));
            rows.Add(new($"IXGBE_RDH({q})", R.RxHead(q), $"IxgbeRegister.RxHead({q})"));
            rows.Add(new($"IXGBE_RDT({q})", R.RxTail(q), $"IxgbeRegister.RxTail({q})"));
            rows.Add(new($"IXGBE_RXDCTL({q})", R.RxControl(q), $"IxgbeRegister.RxControl({q})"));
            rows.Add(new($"IXGBE_TDBAL({q})", R.TxBaseLow(q), $"IxgbeRegister.TxBaseLow({q})"));
            rows.Add(new($"IXGBE_TDBAH({q})", R.TxBaseHigh(q), $"IxgbeRegister.TxBaseHigh({q})"));
            rows.Add(new($"IXGBE_TDLEN({q})", R.TxLength(q), $"IxgbeRegister.TxLength({q})"));
            rows.Add(new($"IXGBE_TDH({q})", R.TxHead(q), $"IxgbeRegister.TxHead({q})"));
            rows.Add(new($"IXGBE_TDT({q})", R.TxTail(q), $"IxgbeRegister.TxTail({q})"));
            rows.Add(new($"IXGBE_TXDCTL({q})", R.TxControl(q), $"IxgbeRegister.TxControl({q})"));
        }

        // SRRCTL 0-15 also answer at the 82598's 0x02100 + 4n, which the header uses; the 82599 block (8.2.3.8.7) starts at 16.
        foreach (int q in (int[])[16, 17, 63, 64, 127])
        {
            rows.Add(new($"IXGBE_SRRCTL({q})", R.RxSplitControl(q), $"IxgbeRegister.RxSplitControl({q})"));
        }

        foreach (int n in (int[])[0, 1, 15])
        {
            rows.Add(new($"IXGBE_QPRC({n})", R.QueuePacketsReceived(n), $"IxgbeRegister.QueuePacketsReceived({n})"));
            rows.Add(new($"IXGBE_QBRC_L({n})", R.QueueBytesReceivedLow(n), $"IxgbeRegister.QueueBytesReceivedLow({n})"));
            rows.Add(new($"IXGBE_QBRC_H({n})", R.QueueBytesReceivedHigh(n), $"IxgbeRegister.QueueBytesReceivedHigh({n})"));
            rows.Add(new($"IXGBE_QPRDC({n})", R.QueuePacketsDropped(n), $"IxgbeRegister.QueuePacketsDropped({n})"));
            rows.Add(new($"IXGBE_QBTC_L({n})", R.QueueBytesTransmittedLow(n), $"IxgbeRegister.QueueBytesTransmittedLow({n})"));
            rows.Add(new($"IXGBE_QBTC_H({n})", R.QueueBytesTransmittedHigh(n), $"IxgbeRegister.QueueBytesTransmittedHigh({n})"));
        }

        foreach (int n in (int[])[0, 1, 127])
        {
            rows.Add(new($"IXGBE_VFTA({n})", R.VlanFilterTable(n), $"IxgbeRegister.VlanFilterTable({n})"));
        }

        foreach (int n in (int[])[0, 1, 3])
        {
            rows.Add(new($"IXGBE_RQSMR({n})", R.RxQueueStatisticsMapping(n), $"IxgbeRegister.RxQueueStatisticsMapping({n})"));
            rows.Add(new($"IXGBE_TQSM({n})", R.TxQueueStatisticsMapping(n), $"IxgbeRegister.TxQueueStatisticsMapping({n})"));
        }

        foreach (int n in (int[])[0, 1, 7])
        {
            rows.Add(new($"IXGBE_MPC({n})", R.MissedPackets(n), $"IxgbeRegister.MissedPackets({n})"));
        }

        foreach (int n in (int[])[0, 1, 23])
        {
            rows.Add(new($"IXGBE_EITR({n})", R.InterruptThrottle(n), $"IxgbeRegister.InterruptThrottle({n})"));
        }

        foreach (int n in (int[])[0, 1, 63])
        {
            rows.Add(new($"IXGBE_IVAR({n})", R.InterruptVectorAllocation(n), $"IxgbeRegister.InterruptVectorAllocation({n})"));
        }

        foreach (int n in (int[])[0, 1, 127])
        {
            rows.Add(new($"IXGBE_MTA({n})", R.MulticastTable(n), $"IxgbeRegister.MulticastTable({n})"));
        }

        // RAL/RAH 0-15 also answer at the 82598's 0x05400 + 8n, which the header uses; 16 and up are the 82599's 0x0A200 block.
        foreach (int n in (int[])[16, 17, 127])
        {
            rows.Add(new($"IXGBE_RAL({n})", R.ReceiveAddressLow(n), $"IxgbeRegister.ReceiveAddressLow({n})"));
            rows.Add(new($"IXGBE_RAH({n})", R.ReceiveAddressHigh(n), $"IxgbeRegister.ReceiveAddressHigh({n})"));
        }

        foreach (int n in (int[])[0, 1, 31])
        {
            rows.Add(new($"IXGBE_RETA({n})", R.RedirectionTable(n), $"IxgbeRegister.RedirectionTable({n})"));
        }

        foreach (int n in (int[])[0, 1, 9])
        {
            rows.Add(new($"IXGBE_RSSRK({n})", R.RssKey(n), $"IxgbeRegister.RssKey({n})"));
        }

        rows.AddRange(Layout(typeof(AdvancedRxDescriptor), "union ixgbe_adv_rx_desc", new()
        {
            ["PacketAddress"] = "read.pkt_addr", ["HeaderAddress"] = "read.hdr_addr", ["PacketInfo"] = "wb.lower.lo_dword.data",
            ["RssHash"] = "wb.lower.hi_dword.rss", ["StatusError"] = "wb.upper.status_error", ["Length"] = "wb.upper.length", ["VlanTag"] = "wb.upper.vlan",
        }));
        rows.AddRange(Layout(typeof(AdvancedTxDescriptor), "union ixgbe_adv_tx_desc", new()
        {
            ["BufferAddress"] = "read.buffer_addr", ["CommandTypeLength"] = "read.cmd_type_len", ["OffloadStatus"] = "read.olinfo_status",
        }));
        rows.AddRange(Layout(typeof(AdvancedTxDescriptor), "struct ixgbe_adv_tx_context_desc", new()
        {
            ["VlanMacIpLengths"] = "vlan_macip_lens", ["SequenceSeed"] = "fceof_saidx", ["TypeTucmdMlhl"] = "type_tucmd_mlhl", ["MssL4LengthIndex"] = "mss_l4len_idx",
        }));
        return rows;
    }

    /// <summary>The size of <paramref name="type"/> and the offset and size of each mapped field, against the C type.</summary>
    public static IEnumerable<HeaderValue> Layout(Type type, string c, Dictionary<string, string> fields)
    {
        yield return new($"sizeof({c})", (ulong)Marshal.SizeOf(type), $"{type.Name}.Size ({c})");
        foreach ((string field, string member) in fields)
        {
            FieldInfo info = type.GetField(field)!;
            yield return new($"offsetof({c}, {member})", (ulong)Marshal.OffsetOf(type, field), $"{type.Name}.{field} offset ({c})");
            yield return new($"sizeof((({c}*)0)->{member})", (ulong)Marshal.SizeOf(info.FieldType), $"{type.Name}.{field} size ({c})");
        }
    }

    /// <summary>The value of a private constant, for the few that live in the classes that use them.</summary>
    public static ulong Private(Type type, string name) =>
        Convert.ToUInt64(type.GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The driver's constants that ixgbe_type.h does not hold (or holds differently for other MACs), with the datasheet section that does.</summary>
    public static readonly NotInHeaders[] NotInTheHeader =
    [
        new("IxgbeRegister.MissedPacketCounters", "82599 datasheet 8.2.3.23.4: MPC[n], n = 0..7 (the header says so only in a comment)"),
        new("IxgbeRegister.QueueStatisticsCount", "82599 datasheet 8.2.3.23.71-77: 16 per-queue statistics sets (header comments only)"),
        new("IxgbeRegister.ReceiveAddressCount", "82599 datasheet 8.2.3.7.9: RAL/RAH[n], n = 0..127 (the header's count is a field of ixgbe_mac_info, set at run time)"),
        new("IxgbeRegister.MulticastTableCount", "82599 datasheet 8.2.3.7.7: MTA[n], n = 0..127"),
        new("IxgbeRegister.VlanFilterTableCount", "82599 datasheet 8.2.3.7.15: VFTA[n], n = 0..127, one bit per VLAN id"),
        new("IxgbeRegister.RedirectionTableCount", "82599 datasheet 8.2.3.7.13: RETA[n], n = 0..31 (header comment only)"),
        new("IxgbeRegister.RssKeyCount", "82599 datasheet 8.2.3.7.14: RSSRK[n], n = 0..9 (header comment only)"),
        new("IxgbeRegister.InterruptVectorAllocationCount", "82599 datasheet 8.2.3.5.16: IVAR[n], n = 0..63 (the header comment gives the 82598's 24)"),
        new("IxgbeRegister.QueuePacketsTransmitted", "82599 datasheet 8.2.3.23.75: QPTC[n] at 0x08680 + 4n, n = 0..15, in the 82599's transmit statistics block beside TQSM (0x08600) and QBTC_L/H (0x08700 + 8n, checked above). The header's IXGBE_QPTC(n) 0x06030 + 0x40n is the 82598's location, as its IXGBE_QBTC(n) 0x06034 + 0x40n is for the bytes counter the header also gives at the 82599's QBTC_L; kept at the datasheet's value"),
        new("IxgbeBits.SrrctlPacketBufferSizeMask", "82599 datasheet 8.2.3.8.7: SRRCTL.BSIZEPACKET is bits 4:0 (1 KB units, 1-16 KB), bits 7:5 reserved; the header's IXGBE_SRRCTL_BSIZEPKT_MASK 0x7F is the 82598's 7-bit field. Kept: the driver caps the size at 16 KB either way (its largest buffer is 9018 bytes + headroom), and a narrower mask never writes a reserved bit"),
        new("IxgbeBits.TxdctlPrefetchShift", "82599 datasheet 8.2.3.9.10: TXDCTL.PTHRESH bits 6:0 (the header names only WTHRESH's shift)"),
        new("IxgbeBits.TxdctlHostShift", "82599 datasheet 8.2.3.9.10: TXDCTL.HTHRESH bits 14:8"),
        new("IxgbeBits.RemovedDeviceRead", "PCI Express: a read of a device gone from the bus completes as all ones; the Linux ixgbe driver compares register reads with IXGBE_FAILED_READ_REG (0xffffffff, not in ixgbe_type.h) to detect removal"),
    ];
}
