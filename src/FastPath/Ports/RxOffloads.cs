namespace FastPath.Ports;

/// <summary>What a port's receive side reports into each packet's metadata.</summary>
[Flags]
public enum RxOffloads
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>The RSS hash of the frame (<c>PacketFlags.RssHash</c>), and frames spread over queues by it.</summary>
    RssHash = 1 << 0,

    /// <summary>The IPv4 header checksum was checked (<c>PacketFlags.IpChecksumGood</c>/<c>Bad</c>).</summary>
    Ipv4Checksum = 1 << 1,

    /// <summary>The TCP/UDP checksum was checked (<c>PacketFlags.L4ChecksumGood</c>/<c>Bad</c>).</summary>
    L4Checksum = 1 << 2,

    /// <summary>A VLAN tag was stripped into the metadata.</summary>
    VlanStrip = 1 << 3,

    /// <summary>A receive timestamp.</summary>
    Timestamp = 1 << 4,

    /// <summary>
    /// Scatter: a frame longer than one receive buffer (<see cref="PortInfo.MaxRxSegmentSize"/>) arrives as a chain of
    /// buffers (<c>Packet.Next</c>) instead of being dropped; needed for an MTU past the buffer size.
    /// </summary>
    Scatter = 1 << 5,
}
