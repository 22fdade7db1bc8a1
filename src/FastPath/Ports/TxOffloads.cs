namespace FastPath.Ports;

/// <summary>What a port's transmit side computes for a packet that asks (<c>PacketFlags.Tx*</c>).</summary>
[Flags]
public enum TxOffloads
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>The IPv4 header checksum.</summary>
    Ipv4Checksum = 1 << 0,

    /// <summary>The TCP checksum.</summary>
    TcpChecksum = 1 << 1,

    /// <summary>The UDP checksum.</summary>
    UdpChecksum = 1 << 2,

    /// <summary>An 802.1Q tag inserted from <c>PacketBuffer.VlanTci</c> when the packet asks (<c>PacketFlags.TxVlan</c>).</summary>
    VlanInsert = 1 << 3,

    /// <summary>Chains (<c>Packet.Next</c>) sent as one frame, one buffer after the other.</summary>
    MultiSegment = 1 << 4,
}
