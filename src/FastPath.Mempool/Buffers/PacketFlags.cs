namespace FastPath.Mempool.Buffers;

/// <summary>Receive status reported by the NIC and transmit offloads requested by the application.</summary>
[Flags]
public enum PacketFlags : uint
{
    /// <summary>Nothing reported or requested.</summary>
    None = 0,

    /// <summary>RX: <see cref="PacketBuffer.RssHash"/> holds the NIC's RSS hash.</summary>
    RssHash = 1U << 0,

    /// <summary>RX: the NIC checked the IPv4 header checksum and found it good.</summary>
    IpChecksumGood = 1U << 1,

    /// <summary>RX: the NIC checked the IPv4 header checksum and found it bad.</summary>
    IpChecksumBad = 1U << 2,

    /// <summary>RX: the NIC checked the TCP/UDP checksum and found it good.</summary>
    L4ChecksumGood = 1U << 3,

    /// <summary>RX: the NIC checked the TCP/UDP checksum and found it bad.</summary>
    L4ChecksumBad = 1U << 4,

    /// <summary>RX: the frame carried a VLAN tag, stripped into <see cref="PacketBuffer.VlanTci"/>.</summary>
    Vlan = 1U << 5,

    /// <summary>RX: <see cref="PacketBuffer.Timestamp"/> is valid.</summary>
    Timestamp = 1U << 6,

    /// <summary>TX: compute the IPv4 header checksum.</summary>
    TxIpChecksum = 1U << 16,

    /// <summary>TX: compute the TCP checksum (needs L2/L3 lengths).</summary>
    TxTcpChecksum = 1U << 17,

    /// <summary>TX: compute the UDP checksum (needs L2/L3 lengths).</summary>
    TxUdpChecksum = 1U << 18,

    /// <summary>TX: the frame is IPv4.</summary>
    TxIPv4 = 1U << 19,

    /// <summary>TX: the frame is IPv6.</summary>
    TxIPv6 = 1U << 20,

    /// <summary>TX: insert <see cref="PacketBuffer.VlanTci"/> as an 802.1Q tag after the source MAC address.</summary>
    TxVlan = 1U << 21,

    /// <summary>The transmit requests that need an offload context.</summary>
    TxOffloadMask = TxIpChecksum | TxTcpChecksum | TxUdpChecksum,
}
