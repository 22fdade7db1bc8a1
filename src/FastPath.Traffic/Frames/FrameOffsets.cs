namespace FastPath.Traffic.Frames;

/// <summary>Byte offsets of the fields the generator writes and the receiver reads in an Ethernet/IPv4/UDP frame.</summary>
public static class FrameOffsets
{
    /// <summary>Destination MAC address.</summary>
    public const int DestinationMac = 0;

    /// <summary>Source MAC address.</summary>
    public const int SourceMac = 6;

    /// <summary>EtherType.</summary>
    public const int EtherType = 12;

    /// <summary>Start of the IPv4 header.</summary>
    public const int Ipv4 = 14;

    /// <summary>IPv4 total length.</summary>
    public const int Ipv4TotalLength = Ipv4 + 2;

    /// <summary>IPv4 protocol.</summary>
    public const int Ipv4Protocol = Ipv4 + 9;

    /// <summary>IPv4 header checksum.</summary>
    public const int Ipv4Checksum = Ipv4 + 10;

    /// <summary>IPv4 source address.</summary>
    public const int Ipv4Source = Ipv4 + 12;

    /// <summary>IPv4 destination address.</summary>
    public const int Ipv4Destination = Ipv4 + 16;

    /// <summary>Start of the UDP header (an IPv4 header without options).</summary>
    public const int Udp = Ipv4 + 20;

    /// <summary>UDP source port.</summary>
    public const int UdpSourcePort = Udp;

    /// <summary>UDP destination port.</summary>
    public const int UdpDestinationPort = Udp + 2;

    /// <summary>UDP length.</summary>
    public const int UdpLength = Udp + 4;

    /// <summary>Start of the UDP payload, where the <see cref="ProbeHeader"/> goes.</summary>
    public const int Payload = Udp + 8;

    /// <summary>The shortest Ethernet frame without its FCS (64 bytes on the wire).</summary>
    public const int MinimumFrameLength = 60;

    /// <summary>The longest standard Ethernet frame without its FCS (1518 bytes on the wire).</summary>
    public const int MaximumFrameLength = 1514;

    /// <summary>
    /// The longest jumbo frame the generator builds, without its FCS: one <see cref="Mempool.Buffers.PacketLayout.JumboDataRoom"/>
    /// buffer (there are no chained buffers). A port may take less (<see cref="Ports.PortInfo.MaxFrameSize"/>).
    /// </summary>
    public const int MaximumJumboFrameLength = Mempool.Buffers.PacketLayout.JumboDataRoom;

    /// <summary>The frame check sequence a NIC appends to every frame; ports count frames without it.</summary>
    public const int FcsLength = 4;

    /// <summary>
    /// Bytes each frame costs on the wire beyond what ports count: its 4-byte FCS, plus the 20 bytes of preamble, start
    /// delimiter and inter-frame gap. A 64-byte frame (60 counted) thus takes 84 bytes: 14.88 Mpps at 10 Gbit/s.
    /// </summary>
    public const int WireOverhead = FcsLength + 20;
}
