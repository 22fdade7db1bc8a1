namespace FastPath.Mempool.Buffers;

/// <summary>Receive status reported by the NIC and transmit offloads requested by the application.</summary>
[Flags]
public enum PacketFlags : ulong
{
    /// <summary>Nothing reported or requested.</summary>
    None = 0,

    /// <summary>RX: <see cref="PacketBuffer.RssHash"/> holds the NIC's RSS hash.</summary>
    RssHash = 1UL << 0,

    /// <summary>RX: the NIC checked the IPv4 header checksum and found it good.</summary>
    IpChecksumGood = 1UL << 1,

    /// <summary>RX: the NIC checked the IPv4 header checksum and found it bad.</summary>
    IpChecksumBad = 1UL << 2,

    /// <summary>RX: the NIC checked the TCP/UDP checksum and found it good.</summary>
    L4ChecksumGood = 1UL << 3,

    /// <summary>RX: the NIC checked the TCP/UDP checksum and found it bad.</summary>
    L4ChecksumBad = 1UL << 4,

    /// <summary>RX: the frame carried a VLAN tag, stripped into <see cref="PacketBuffer.VlanTci"/>.</summary>
    Vlan = 1UL << 5,

    /// <summary>RX: <see cref="PacketBuffer.Timestamp"/> is valid.</summary>
    Timestamp = 1UL << 6,

    /// <summary>TX: compute the IPv4 header checksum.</summary>
    TxIpChecksum = 1UL << 32,

    /// <summary>TX: compute the TCP checksum (needs L2/L3 lengths).</summary>
    TxTcpChecksum = 1UL << 33,

    /// <summary>TX: compute the UDP checksum (needs L2/L3 lengths).</summary>
    TxUdpChecksum = 1UL << 34,

    /// <summary>TX: the frame is IPv4.</summary>
    TxIPv4 = 1UL << 35,

    /// <summary>TX: the frame is IPv6.</summary>
    TxIPv6 = 1UL << 36,

    /// <summary>The transmit requests that need an offload context.</summary>
    TxOffloadMask = TxIpChecksum | TxTcpChecksum | TxUdpChecksum,
}
