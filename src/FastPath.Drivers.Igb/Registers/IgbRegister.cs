namespace FastPath.Drivers.Igb.Registers;

/// <summary>
/// Byte offsets of the 82576 registers this driver uses, in BAR0 (82576 datasheet section 8, register summary
/// table 8-2; the same names and offsets as Linux's public e1000_regs.h of the igb driver).
/// </summary>
public static class IgbRegister
{
    /// <summary>CTRL, device control (8.2.1). (E1000_CTRL)</summary>
    public const uint DeviceControl = 0x00000;

    /// <summary>STATUS, device status: link, speed, duplex (8.2.2). (E1000_STATUS)</summary>
    public const uint DeviceStatus = 0x00008;

    /// <summary>EECD, EEPROM/flash control: auto-read done, EEPROM present (8.2.3). (E1000_EECD)</summary>
    public const uint EepromControl = 0x00010;

    /// <summary>CTRL_EXT, extended device control: driver loaded (8.2.5). (E1000_CTRL_EXT)</summary>
    public const uint ExtendedControl = 0x00018;

    /// <summary>MDIC, MDI control: PHY register reads and writes (8.2.6). (E1000_MDIC)</summary>
    public const uint MdiControl = 0x00020;

    /// <summary>IMC, legacy interrupt mask clear (8.8.8). (E1000_IMC)</summary>
    public const uint InterruptMaskClear = 0x000D8;

    /// <summary>RCTL, receive control (8.10.1). (E1000_RCTL)</summary>
    public const uint ReceiveControl = 0x00100;

    /// <summary>TCTL, transmit control (8.12.1). (E1000_TCTL)</summary>
    public const uint TransmitControl = 0x00400;

    /// <summary>GPIE, general purpose interrupt enable: MSI-X mode, EIAME, PBA support (8.8.15). (E1000_GPIE)</summary>
    public const uint GeneralPurposeInterruptEnable = 0x01514;

    /// <summary>EICR, extended interrupt cause, write 1 to clear (8.8.1). (E1000_EICR)</summary>
    public const uint ExtendedInterruptCause = 0x01580;

    /// <summary>EIMS, extended interrupt mask set (8.8.5). (E1000_EIMS)</summary>
    public const uint ExtendedInterruptMaskSet = 0x01524;

    /// <summary>EIMC, extended interrupt mask clear (8.8.6). (E1000_EIMC)</summary>
    public const uint ExtendedInterruptMaskClear = 0x01528;

    /// <summary>EIAC, extended interrupt auto clear (8.8.7). (E1000_EIAC)</summary>
    public const uint ExtendedInterruptAutoClear = 0x0152C;

    /// <summary>EIAM, extended interrupt auto mask (8.8.8). (E1000_EIAM)</summary>
    public const uint ExtendedInterruptAutoMask = 0x01530;

    /// <summary>RLPML, receive long packet maximum length, used when RCTL.LPE is set (8.10.3). (E1000_RLPML)</summary>
    public const uint LongPacketMaximumLength = 0x05004;

    /// <summary>RXCSUM, receive checksum control: PCSD selects the RSS hash over the fragment checksum (8.10.6). (E1000_RXCSUM)</summary>
    public const uint ReceiveChecksumControl = 0x05000;

    /// <summary>MRQC, multiple receive queues command: RSS enable and hashed fields (8.10.9). (E1000_MRQC)</summary>
    public const uint MultipleReceiveQueuesCommand = 0x05818;

    /// <summary>MTA[0], first of 128 multicast table array registers (8.10.15). (E1000_MTA)</summary>
    public const uint MulticastTableBase = 0x05200;

    /// <summary>Number of MTA registers.</summary>
    public const int MulticastTableCount = 128;

    /// <summary>Number of RETA registers: 128 one-byte entries, four per register (8.10.10).</summary>
    public const int RedirectionTableCount = 32;

    /// <summary>Number of RSSRK registers: the 40-byte key (8.10.11).</summary>
    public const int RssKeyCount = 10;

    /// <summary>The number of queues of each kind the 82576 has (7.1.1, 7.2.1).</summary>
    public const int QueueCount = 16;

    /// <summary>EITR[n], interrupt throttle of MSI-X vector n (8.8.12): 0x01680 + 4n. (E1000_EITR(n))</summary>
    public static uint InterruptThrottle(int vector) => 0x01680 + 4u * (uint)vector;

    /// <summary>IVAR[n], interrupt vector allocation of queues n and n+8 (8.8.14): 0x01700 + 4n, n = 0..7. (E1000_IVAR0 + 4n)</summary>
    public static uint InterruptVectorAllocation(int index) => 0x01700 + 4u * (uint)index;

    /// <summary>VFTA[n], VLAN filter table: bit (id &amp; 31) of entry id / 32 accepts VLAN id (8.10.19). (E1000_VFTA + 4n)</summary>
    public static uint VlanFilterTable(int index) => 0x05600 + 4u * (uint)index;

    /// <summary>MTA[n] (8.10.15). (E1000_MTA + 4n)</summary>
    public static uint MulticastTable(int index) => MulticastTableBase + 4u * (uint)index;

    /// <summary>RAL[n], receive address low: MAC bytes 0–3 (8.10.13): 0x05400 + 8n. (E1000_RAL(n), n &lt; 16)</summary>
    public static uint ReceiveAddressLow(int index) => 0x05400 + 8u * (uint)index;

    /// <summary>RAH[n], receive address high: MAC bytes 4–5 and the address-valid bit (8.10.14): 0x05404 + 8n. (E1000_RAH(n), n &lt; 16)</summary>
    public static uint ReceiveAddressHigh(int index) => 0x05404 + 8u * (uint)index;

    /// <summary>RETA[n], redirection table entries 4n..4n+3 (8.10.10): 0x05C00 + 4n. (E1000_RETA(n))</summary>
    public static uint RedirectionTable(int index) => 0x05C00 + 4u * (uint)index;

    /// <summary>RSSRK[n], RSS random key bytes 4n..4n+3 (8.10.11): 0x05C80 + 4n. (E1000_RSSRK(n))</summary>
    public static uint RssKey(int index) => 0x05C80 + 4u * (uint)index;

    /// <summary>RDBAL[n], receive descriptor base low (8.10.4): 0x0C000 + 0x40n. (E1000_RDBAL(n) for n ≥ 4; the header gives queues 0–3 their legacy alias 0x02800 + 0x100n)</summary>
    public static uint RxBaseLow(int queue) => RxQueueBase(queue);

    /// <summary>RDBAH[n] (8.10.5): 0x0C004 + 0x40n. (E1000_RDBAH(n), n ≥ 4)</summary>
    public static uint RxBaseHigh(int queue) => RxQueueBase(queue) + 0x04;

    /// <summary>RDLEN[n] (8.10.6): 0x0C008 + 0x40n. (E1000_RDLEN(n), n ≥ 4)</summary>
    public static uint RxLength(int queue) => RxQueueBase(queue) + 0x08;

    /// <summary>SRRCTL[n], split and replication receive control: buffer size, descriptor type, drop enable (8.10.2): 0x0C00C + 0x40n. (E1000_SRRCTL(n), n ≥ 4)</summary>
    public static uint RxSplitControl(int queue) => RxQueueBase(queue) + 0x0C;

    /// <summary>RDH[n] (8.10.7): 0x0C010 + 0x40n. (E1000_RDH(n), n ≥ 4)</summary>
    public static uint RxHead(int queue) => RxQueueBase(queue) + 0x10;

    /// <summary>RDT[n] (8.10.8): 0x0C018 + 0x40n. (E1000_RDT(n), n ≥ 4)</summary>
    public static uint RxTail(int queue) => RxQueueBase(queue) + 0x18;

    /// <summary>RXDCTL[n], receive descriptor control: enable bit 25, thresholds (8.10.10): 0x0C028 + 0x40n. (E1000_RXDCTL(n), n ≥ 4)</summary>
    public static uint RxControl(int queue) => RxQueueBase(queue) + 0x28;

    /// <summary>RQDPC[n], receive queue drop packet count, clear on read (8.19.x): 0x0C030 + 0x40n. (E1000_RQDPC(n))</summary>
    public static uint RxQueueDropCount(int queue) => RxQueueBase(queue) + 0x30;

    /// <summary>TDBAL[n], transmit descriptor base low (8.12.5): 0x0E000 + 0x40n. (E1000_TDBAL(n) for n ≥ 4; the header gives queues 0–3 their legacy alias 0x03800 + 0x100n)</summary>
    public static uint TxBaseLow(int queue) => TxQueueBase(queue);

    /// <summary>TDBAH[n] (8.12.6): 0x0E004 + 0x40n. (E1000_TDBAH(n), n ≥ 4)</summary>
    public static uint TxBaseHigh(int queue) => TxQueueBase(queue) + 0x04;

    /// <summary>TDLEN[n] (8.12.7): 0x0E008 + 0x40n. (E1000_TDLEN(n), n ≥ 4)</summary>
    public static uint TxLength(int queue) => TxQueueBase(queue) + 0x08;

    /// <summary>TDH[n] (8.12.8): 0x0E010 + 0x40n. (E1000_TDH(n), n ≥ 4)</summary>
    public static uint TxHead(int queue) => TxQueueBase(queue) + 0x10;

    /// <summary>TDT[n] (8.12.9): 0x0E018 + 0x40n. (E1000_TDT(n), n ≥ 4)</summary>
    public static uint TxTail(int queue) => TxQueueBase(queue) + 0x18;

    /// <summary>TXDCTL[n], transmit descriptor control: enable bit 25, thresholds (8.12.13): 0x0E028 + 0x40n. (E1000_TXDCTL(n), n ≥ 4)</summary>
    public static uint TxControl(int queue) => TxQueueBase(queue) + 0x28;

    private static uint RxQueueBase(int queue) => 0x0C000 + 0x40u * (uint)queue;

    private static uint TxQueueBase(int queue) => 0x0E000 + 0x40u * (uint)queue;
}
