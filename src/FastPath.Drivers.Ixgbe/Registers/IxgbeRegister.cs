namespace FastPath.Drivers.Ixgbe.Registers;

/// <summary>
/// Byte offsets of the 82599 registers this driver uses, in BAR0. Each names its section of the Intel 82599 10 GbE
/// Controller Datasheet (rev. 3.x, chapter 8.2.3) and its name in Linux' drivers/net/ethernet/intel/ixgbe/ixgbe_type.h.
/// </summary>
public static class IxgbeRegister
{
    /// <summary>CTRL, Device Control (8.2.3.1.1; IXGBE_CTRL 0x00000).</summary>
    public const uint DeviceControl = 0x00000;

    /// <summary>STATUS, Device Status (8.2.3.1.2; IXGBE_STATUS 0x00008).</summary>
    public const uint DeviceStatus = 0x00008;

    /// <summary>CTRL_EXT, Extended Device Control (8.2.3.1.3; IXGBE_CTRL_EXT 0x00018).</summary>
    public const uint ExtendedControl = 0x00018;

    /// <summary>EEC, EEPROM/Flash Control (8.2.3.2.1; IXGBE_EEC 0x10010).</summary>
    public const uint EepromControl = 0x10010;

    /// <summary>EICR, Extended Interrupt Cause (8.2.3.5.1; IXGBE_EICR 0x00800).</summary>
    public const uint InterruptCause = 0x00800;

    /// <summary>EIMS, Extended Interrupt Mask Set/Read (8.2.3.5.4; IXGBE_EIMS 0x00880).</summary>
    public const uint InterruptMaskSet = 0x00880;

    /// <summary>EIMC, Extended Interrupt Mask Clear (8.2.3.5.5; IXGBE_EIMC 0x00888).</summary>
    public const uint InterruptMaskClear = 0x00888;

    /// <summary>EIAC, Extended Interrupt Auto Clear (8.2.3.5.6; IXGBE_EIAC 0x00810).</summary>
    public const uint InterruptAutoClear = 0x00810;

    /// <summary>EIAM, Extended Interrupt Auto Mask Enable (8.2.3.5.7; IXGBE_EIAM 0x00890).</summary>
    public const uint InterruptAutoMask = 0x00890;

    /// <summary>GPIE, General Purpose Interrupt Enable (8.2.3.5.18; IXGBE_GPIE 0x00898).</summary>
    public const uint GeneralPurposeInterruptEnable = 0x00898;

    /// <summary>RDRXCTL, Receive DMA Control (8.2.3.8.8; IXGBE_RDRXCTL 0x02F00).</summary>
    public const uint ReceiveDmaControl = 0x02F00;

    /// <summary>RXCTRL, Receive Control: RXEN (8.2.3.8.10; IXGBE_RXCTRL 0x03000).</summary>
    public const uint ReceiveControl = 0x03000;

    /// <summary>RXCSUM, Receive Checksum Control (8.2.3.7.5; IXGBE_RXCSUM 0x05000).</summary>
    public const uint ReceiveChecksumControl = 0x05000;

    /// <summary>FCTRL, Filter Control (8.2.3.7.1; IXGBE_FCTRL 0x05080).</summary>
    public const uint FilterControl = 0x05080;

    /// <summary>MCSTCTRL, Multicast Control (8.2.3.7.2; IXGBE_MCSTCTRL 0x05090).</summary>
    public const uint MulticastControl = 0x05090;

    /// <summary>VLNCTRL: the VLAN ethertype and the VLAN filter enable (8.2.3.7.2; IXGBE_VLNCTRL 0x05088).</summary>
    public const uint VlanControl = 0x05088;

    /// <summary>MRQC, Multiple Receive Queues Command (8.2.3.7.12; IXGBE_MRQC 0x05818).</summary>
    public const uint MultipleReceiveQueuesCommand = 0x05818;

    /// <summary>DMATXCTL, DMA Tx Control: TE (8.2.3.9.2; IXGBE_DMATXCTL 0x04A80).</summary>
    public const uint TransmitDmaControl = 0x04A80;

    /// <summary>HLREG0, MAC Core Control 0 (8.2.3.22.8; IXGBE_HLREG0 0x04240).</summary>
    public const uint MacCoreControl0 = 0x04240;

    /// <summary>MAXFRS, Max Frame Size (8.2.3.22.13; IXGBE_MAXFRS 0x04268).</summary>
    public const uint MaxFrameSize = 0x04268;

    /// <summary>AUTOC, Auto-Negotiation Control (8.2.3.22.19; IXGBE_AUTOC 0x042A0).</summary>
    public const uint AutoNegotiationControl = 0x042A0;

    /// <summary>LINKS, Link Status (8.2.3.22.20; IXGBE_LINKS 0x042A4).</summary>
    public const uint LinkStatus = 0x042A4;

    /// <summary>CRCERRS, CRC Error Count, clear on read (8.2.3.23.1; IXGBE_CRCERRS 0x04000).</summary>
    public const uint CrcErrorCount = 0x04000;

    /// <summary>RLEC, Receive Length Error Count, clear on read (8.2.3.23.8; IXGBE_RLEC 0x04040).</summary>
    public const uint LengthErrorCount = 0x04040;

    /// <summary>RUC, Receive Undersize Count: frames shorter than 64 bytes with a valid CRC, clear on read (82599 8.2.3.23; IXGBE_RUC 0x040A4).</summary>
    public const uint UndersizeCount = 0x040A4;

    /// <summary>ROC, Receive Oversize Count: frames longer than MAXFRS.MFS (plus a VLAN tag) with a valid CRC, clear on read (82599 8.2.3.23; IXGBE_ROC 0x040AC).</summary>
    public const uint OversizeCount = 0x040AC;

    /// <summary>VFTA[n], VLAN Filter Table Array: bit (id &amp; 31) of entry id / 32 accepts VLAN id (82599 8.2.3.7.15; IXGBE_VFTA(n) 0x0A000 + 4n).</summary>
    public static uint VlanFilterTable(int n) => 0x0A000 + (uint)n * 4;

    /// <summary>Entries of <see cref="VlanFilterTable"/>: 128 of 32 bits, one per VLAN id.</summary>
    public const int VlanFilterTableCount = 128;

    /// <summary>GPRC, Good Packets Received Count, clear on read (8.2.3.23.18; IXGBE_GPRC 0x04074).</summary>
    public const uint GoodPacketsReceived = 0x04074;

    /// <summary>GPTC, Good Packets Transmitted Count, clear on read (8.2.3.23.22; IXGBE_GPTC 0x04080).</summary>
    public const uint GoodPacketsTransmitted = 0x04080;

    /// <summary>GORCL, Good Octets Received Count low; read before GORCH (8.2.3.23.23; IXGBE_GORCL 0x04088).</summary>
    public const uint GoodOctetsReceivedLow = 0x04088;

    /// <summary>GORCH, Good Octets Received Count high; reading it clears the counter (8.2.3.23.24; IXGBE_GORCH 0x0408C).</summary>
    public const uint GoodOctetsReceivedHigh = 0x0408C;

    /// <summary>GOTCL, Good Octets Transmitted Count low (8.2.3.23.25; IXGBE_GOTCL 0x04090).</summary>
    public const uint GoodOctetsTransmittedLow = 0x04090;

    /// <summary>GOTCH, Good Octets Transmitted Count high; reading it clears the counter (8.2.3.23.26; IXGBE_GOTCH 0x04094).</summary>
    public const uint GoodOctetsTransmittedHigh = 0x04094;

    /// <summary>Number of MPC (missed packets, per packet buffer) registers.</summary>
    public const int MissedPacketCounters = 8;

    /// <summary>Number of per-queue statistics register sets (QPRC, QPTC, QBRC, QBTC, QPRDC).</summary>
    public const int QueueStatisticsCount = 16;

    /// <summary>Number of receive address (RAL/RAH) pairs.</summary>
    public const int ReceiveAddressCount = 128;

    /// <summary>Number of MTA registers: a 4096-bit multicast hash table.</summary>
    public const int MulticastTableCount = 128;

    /// <summary>Number of RETA registers: 128 one-byte entries.</summary>
    public const int RedirectionTableCount = 32;

    /// <summary>Number of RSSRK registers: the 40-byte hash key.</summary>
    public const int RssKeyCount = 10;

    /// <summary>Number of IVAR registers (two queues each).</summary>
    public const int InterruptVectorAllocationCount = 64;

    /// <summary>EITR(n), Extended Interrupt Throttle, n &lt; 24 (8.2.3.5.12; IXGBE_EITR 0x00820 + 4n).</summary>
    public static uint InterruptThrottle(int vector) => 0x00820 + (uint)vector * 4;

    /// <summary>IVAR(n), Interrupt Vector Allocation, queues 2n and 2n+1 (8.2.3.5.16; IXGBE_IVAR 0x00900 + 4n).</summary>
    public static uint InterruptVectorAllocation(int n) => 0x00900 + (uint)n * 4;

    /// <summary>MPC(n), Missed Packets Count, clear on read (8.2.3.23.4; IXGBE_MPC 0x03FA0 + 4n).</summary>
    public static uint MissedPackets(int n) => 0x03FA0 + (uint)n * 4;

    /// <summary>MTA(n), Multicast Table Array (8.2.3.7.7; IXGBE_MTA 0x05200 + 4n).</summary>
    public static uint MulticastTable(int n) => 0x05200 + (uint)n * 4;

    /// <summary>RAL(n), Receive Address Low (8.2.3.7.9; IXGBE_RAL 0x0A200 + 8n).</summary>
    public static uint ReceiveAddressLow(int n) => 0x0A200 + (uint)n * 8;

    /// <summary>RAH(n), Receive Address High (8.2.3.7.10; IXGBE_RAH 0x0A204 + 8n).</summary>
    public static uint ReceiveAddressHigh(int n) => 0x0A204 + (uint)n * 8;

    /// <summary>RETA(n), Redirection Table (8.2.3.7.13; IXGBE_RETA 0x05C00 + 4n).</summary>
    public static uint RedirectionTable(int n) => 0x05C00 + (uint)n * 4;

    /// <summary>RSSRK(n), RSS Random Key (8.2.3.7.14; IXGBE_RSSRK 0x05C80 + 4n).</summary>
    public static uint RssKey(int n) => 0x05C80 + (uint)n * 4;

    /// <summary>RDBAL(n) (8.2.3.8.1; IXGBE_RDBAL 0x01000 + 0x40n for n &lt; 64, 0x0D000 + 0x40(n-64) above).</summary>
    public static uint RxBaseLow(int queue) => RxQueueBlock(queue) + 0x00;

    /// <summary>RDBAH(n) (8.2.3.8.2; IXGBE_RDBAH 0x01004 + 0x40n).</summary>
    public static uint RxBaseHigh(int queue) => RxQueueBlock(queue) + 0x04;

    /// <summary>RDLEN(n) (8.2.3.8.3; IXGBE_RDLEN 0x01008 + 0x40n).</summary>
    public static uint RxLength(int queue) => RxQueueBlock(queue) + 0x08;

    /// <summary>RDH(n) (8.2.3.8.4; IXGBE_RDH 0x01010 + 0x40n).</summary>
    public static uint RxHead(int queue) => RxQueueBlock(queue) + 0x10;

    /// <summary>SRRCTL(n), Split and Replication Receive Control (8.2.3.8.7; IXGBE_SRRCTL 0x01014 + 0x40n).</summary>
    public static uint RxSplitControl(int queue) => RxQueueBlock(queue) + 0x14;

    /// <summary>RDT(n) (8.2.3.8.5; IXGBE_RDT 0x01018 + 0x40n).</summary>
    public static uint RxTail(int queue) => RxQueueBlock(queue) + 0x18;

    /// <summary>RXDCTL(n) (8.2.3.8.6; IXGBE_RXDCTL 0x01028 + 0x40n).</summary>
    public static uint RxControl(int queue) => RxQueueBlock(queue) + 0x28;

    /// <summary>QPRC(n), Queue Packets Received Count, clear on read (8.2.3.23.71; IXGBE_QPRC 0x01030 + 0x40n).</summary>
    public static uint QueuePacketsReceived(int n) => 0x01030 + (uint)n * 0x40;

    /// <summary>QBRC_L(n), Queue Bytes Received low (8.2.3.23.73; IXGBE_QBRC_L 0x01034 + 0x40n).</summary>
    public static uint QueueBytesReceivedLow(int n) => 0x01034 + (uint)n * 0x40;

    /// <summary>QBRC_H(n), Queue Bytes Received high; reading it clears the counter (8.2.3.23.74; IXGBE_QBRC_H 0x01038 + 0x40n).</summary>
    public static uint QueueBytesReceivedHigh(int n) => 0x01038 + (uint)n * 0x40;

    /// <summary>QPRDC(n), Queue Packets Received Drop Count, clear on read (8.2.3.23.72; IXGBE_QPRDC 0x01430 + 0x40n).</summary>
    public static uint QueuePacketsDropped(int n) => 0x01430 + (uint)n * 0x40;

    /// <summary>RQSMR(n), Receive Queue Statistic Mapping, queues 4n..4n+3 (8.2.3.8.9; IXGBE_RQSMR 0x02300 + 4n).</summary>
    public static uint RxQueueStatisticsMapping(int n) => 0x02300 + (uint)n * 4;

    /// <summary>TDBAL(n) (8.2.3.9.5; IXGBE_TDBAL 0x06000 + 0x40n).</summary>
    public static uint TxBaseLow(int queue) => 0x06000 + (uint)queue * 0x40;

    /// <summary>TDBAH(n) (8.2.3.9.6; IXGBE_TDBAH 0x06004 + 0x40n).</summary>
    public static uint TxBaseHigh(int queue) => 0x06004 + (uint)queue * 0x40;

    /// <summary>TDLEN(n) (8.2.3.9.7; IXGBE_TDLEN 0x06008 + 0x40n).</summary>
    public static uint TxLength(int queue) => 0x06008 + (uint)queue * 0x40;

    /// <summary>TDH(n) (8.2.3.9.8; IXGBE_TDH 0x06010 + 0x40n).</summary>
    public static uint TxHead(int queue) => 0x06010 + (uint)queue * 0x40;

    /// <summary>TDT(n) (8.2.3.9.9; IXGBE_TDT 0x06018 + 0x40n).</summary>
    public static uint TxTail(int queue) => 0x06018 + (uint)queue * 0x40;

    /// <summary>TXDCTL(n) (8.2.3.9.10; IXGBE_TXDCTL 0x06028 + 0x40n).</summary>
    public static uint TxControl(int queue) => 0x06028 + (uint)queue * 0x40;

    /// <summary>TQSM(n), Transmit Queue Statistic Mapping, queues 4n..4n+3 (8.2.3.9.13; IXGBE_TQSM 0x08600 + 4n).</summary>
    public static uint TxQueueStatisticsMapping(int n) => 0x08600 + (uint)n * 4;

    /// <summary>QPTC(n), Queue Packets Transmitted Count, clear on read (8.2.3.23.75: 0x08680 + 4n; ixgbe_type.h's IXGBE_QPTC(n) is the 82598's 0x06030 + 0x40n).</summary>
    public static uint QueuePacketsTransmitted(int n) => 0x08680 + (uint)n * 4;

    /// <summary>QBTC_L(n), Queue Bytes Transmitted low (8.2.3.23.76; IXGBE_QBTC_L 0x08700 + 8n).</summary>
    public static uint QueueBytesTransmittedLow(int n) => 0x08700 + (uint)n * 8;

    /// <summary>QBTC_H(n), Queue Bytes Transmitted high; reading it clears the counter (8.2.3.23.77; IXGBE_QBTC_H 0x08704 + 8n).</summary>
    public static uint QueueBytesTransmittedHigh(int n) => 0x08704 + (uint)n * 8;

    /// <summary>
    /// The receive queue register block of queue n: 0x01000 + 0x40n for queues 0–63, 0x0D000 + 0x40(n−64) for 64–127
    /// (8.2.3.8; IXGBE_RDBAL(n) and its siblings in ixgbe_type.h).
    /// </summary>
    private static uint RxQueueBlock(int queue) => queue < 64 ? 0x01000 + (uint)queue * 0x40 : 0x0D000 + (uint)(queue - 64) * 0x40;
}
