namespace L3Router;

/// <summary>What <see cref="Ipv4Forwarder.Process"/> decided for a frame. Every value but <see cref="Forward"/> means drop.</summary>
public enum ForwardAction : byte
{
    /// <summary>The frame was rewritten in place and goes out of <see cref="ForwardResult.Port"/>.</summary>
    Forward,

    /// <summary>
    /// The EtherType (after at most one 802.1Q tag) is not IPv4: ARP, IPv6, LLDP and the like. Counted apart from
    /// <see cref="Malformed"/> because such frames are ordinary traffic this router does not handle, not damage.
    /// </summary>
    NotIpv4,

    /// <summary>
    /// An IPv4 frame that cannot be trusted: shorter than its headers, IP version not 4, IHL below 5, header
    /// longer than the frame, total length below the header or beyond the frame, or a bad header checksum.
    /// </summary>
    Malformed,

    /// <summary>The TTL was 0 or 1, so forwarding would take it to 0. No ICMP time-exceeded is sent.</summary>
    TtlExpired,

    /// <summary>No route, not even a default route, contains the destination address.</summary>
    Unroutable,
}
