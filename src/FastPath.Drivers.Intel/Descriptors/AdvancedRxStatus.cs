namespace FastPath.Drivers.Intel.Descriptors;

/// <summary>
/// Bits of <see cref="AdvancedRxDescriptor.StatusError"/> and <see cref="AdvancedRxDescriptor.PacketInfo"/>
/// (82599 datasheet 7.1.6.2; ixgbe_type.h IXGBE_RXD_STAT_*, IXGBE_RXDADV_ERR_*, IXGBE_RXDADV_RSSTYPE_*). The two devices
/// agree on every bit but the three errors, which the 82576 orders differently (82576 datasheet 7.1.5.2;
/// e1000_defines.h E1000_RXDEXT_STATERR_*): both sets are here, and <see cref="Rx.RxErrorLayout"/> picks one per device.
/// </summary>
public static class AdvancedRxStatus
{
    /// <summary>DD, status bit 0: the device has written the descriptor back (IXGBE_RXD_STAT_DD 0x01).</summary>
    public const uint DescriptorDone = 1u << 0;

    /// <summary>EOP, status bit 1: last descriptor of the frame (IXGBE_RXD_STAT_EOP 0x02).</summary>
    public const uint EndOfPacket = 1u << 1;

    /// <summary>VP, status bit 3: the frame had a VLAN tag, stripped into the descriptor (IXGBE_RXD_STAT_VP 0x08).</summary>
    public const uint VlanPacket = 1u << 3;

    /// <summary>L4CS, status bit 5: the TCP/UDP checksum was checked (IXGBE_RXD_STAT_L4CS 0x20).</summary>
    public const uint L4ChecksumChecked = 1u << 5;

    /// <summary>IPCS, status bit 6: the IPv4 header checksum was checked (IXGBE_RXD_STAT_IPCS 0x40).</summary>
    public const uint IpChecksumChecked = 1u << 6;

    /// <summary>RXE on the 82599, error bit 29: MAC error (CRC, length, symbol) in a frame stored despite it (82599 datasheet 7.1.6.2; IXGBE_RXDADV_ERR_USE 0x20000000).</summary>
    public const uint FrameError = 1u << 29;

    /// <summary>L4E on the 82599, error bit 30: bad TCP/UDP checksum (IXGBE_RXDADV_ERR_TCPE 0x40000000).</summary>
    public const uint L4ChecksumError = 1u << 30;

    /// <summary>IPE on the 82599, error bit 31: bad IPv4 header checksum (IXGBE_RXDADV_ERR_IPE 0x80000000).</summary>
    public const uint IpChecksumError = 1u << 31;

    /// <summary>RXE on the 82576, error bit 31: MAC error in a frame stored despite it (82576 datasheet 7.1.5.2; E1000_RXDEXT_STATERR_RXE 0x80000000).</summary>
    public const uint FrameError82576 = 1u << 31;

    /// <summary>IPE on the 82576, error bit 30: bad IPv4 header checksum (E1000_RXDEXT_STATERR_IPE 0x40000000).</summary>
    public const uint IpChecksumError82576 = 1u << 30;

    /// <summary>L4E on the 82576, error bit 29: bad TCP/UDP checksum (E1000_RXDEXT_STATERR_TCPE 0x20000000).</summary>
    public const uint L4ChecksumError82576 = 1u << 29;

    /// <summary>
    /// What a frame deliverable in one buffer has in its DD, EOP and RXE bits: DD and EOP set, RXE clear. RXE's position
    /// is the device's (<see cref="Rx.RxErrorLayout.GoodFrameMask"/>).
    /// </summary>
    public const uint GoodFrameValue = DescriptorDone | EndOfPacket;

    /// <summary>Mask of the RSS type in <see cref="AdvancedRxDescriptor.PacketInfo"/> bits 3:0 (IXGBE_RXDADV_RSSTYPE_MASK 0xF).</summary>
    public const uint RssTypeMask = 0xF;

    /// <summary>Shift of the packet type in <see cref="AdvancedRxDescriptor.PacketInfo"/> (bits 16:4, 82599 datasheet 7.1.6.2).</summary>
    public const int PacketTypeShift = 4;

    /// <summary>Mask of the packet type after shifting: 13 bits, 16:4 (IXGBE_RXDADV_PKTTYPE_MASK_EX 0x1FFF0; the 13-bit field of 82599 datasheet 7.1.6.2; the header's shorter IXGBE_RXDADV_PKTTYPE_MASK 0xFFF0 leaves out bit 16).</summary>
    public const uint PacketTypeMask = 0x1FFF;

    /// <summary>RSS type: no hash computed (IXGBE_RXDADV_RSSTYPE_NONE).</summary>
    public const uint RssTypeNone = 0x0;

    /// <summary>RSS type: hash over IPv4 addresses and TCP ports (IXGBE_RXDADV_RSSTYPE_IPV4_TCP).</summary>
    public const uint RssTypeIPv4Tcp = 0x1;

    /// <summary>RSS type: hash over IPv4 addresses (IXGBE_RXDADV_RSSTYPE_IPV4).</summary>
    public const uint RssTypeIPv4 = 0x2;

    /// <summary>RSS type: hash over IPv6 addresses and TCP ports (IXGBE_RXDADV_RSSTYPE_IPV6_TCP).</summary>
    public const uint RssTypeIPv6Tcp = 0x3;

    /// <summary>RSS type: hash over IPv6 addresses (IXGBE_RXDADV_RSSTYPE_IPV6).</summary>
    public const uint RssTypeIPv6 = 0x5;

    /// <summary>RSS type: hash over IPv4 addresses and UDP ports (IXGBE_RXDADV_RSSTYPE_IPV4_UDP).</summary>
    public const uint RssTypeIPv4Udp = 0x7;

    /// <summary>RSS type: hash over IPv6 addresses and UDP ports (IXGBE_RXDADV_RSSTYPE_IPV6_UDP).</summary>
    public const uint RssTypeIPv6Udp = 0x8;

    /// <summary>Packet type bit 0 (descriptor bit 4): IPv4 header present (IXGBE_RXDADV_PKTTYPE_IPV4 0x10).</summary>
    public const uint PacketTypeIPv4 = 1u << 0;

    /// <summary>Packet type bit 2 (descriptor bit 6): IPv6 header present (IXGBE_RXDADV_PKTTYPE_IPV6 0x40).</summary>
    public const uint PacketTypeIPv6 = 1u << 2;

    /// <summary>Packet type bit 4 (descriptor bit 8): TCP header present (IXGBE_RXDADV_PKTTYPE_TCP 0x100).</summary>
    public const uint PacketTypeTcp = 1u << 4;

    /// <summary>Packet type bit 5 (descriptor bit 9): UDP header present (IXGBE_RXDADV_PKTTYPE_UDP 0x200).</summary>
    public const uint PacketTypeUdp = 1u << 5;
}
