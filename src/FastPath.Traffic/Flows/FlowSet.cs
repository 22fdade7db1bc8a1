using FastPath.Net;

namespace FastPath.Traffic.Flows;

/// <summary>
/// The header fields that vary from packet to packet so that a NIC's RSS spreads the frames over its queues: each
/// field steps through its own range, one value per packet.
/// </summary>
public sealed record FlowSet
{
    /// <summary>The source MAC addresses; empty <see cref="FieldRange.Count"/> means "the transmitting port's own".</summary>
    public FieldRange? SourceMac { get; init; }

    /// <summary>The destination MAC addresses (default 02:00:00:00:00:01).</summary>
    public FieldRange DestinationMac { get; init; } = FieldRange.Single(0x02_00_00_00_00_01UL);

    /// <summary>The source IPv4 addresses (default 198.18.0.1, RFC 2544's benchmarking range).</summary>
    public FieldRange SourceIp { get; init; } = FieldRange.Single(0xC612_0001);

    /// <summary>The destination IPv4 addresses (default 198.19.0.1).</summary>
    public FieldRange DestinationIp { get; init; } = FieldRange.Single(0xC613_0001);

    /// <summary>The UDP source ports (default 1024).</summary>
    public FieldRange SourcePort { get; init; } = FieldRange.Single(1024);

    /// <summary>The UDP destination ports (default 1024).</summary>
    public FieldRange DestinationPort { get; init; } = FieldRange.Single(1024);

    /// <summary>The source MAC range to use on a port whose address is <paramref name="portMac"/>.</summary>
    public FieldRange SourceMacFor(MacAddress portMac) => SourceMac ?? FieldRange.Single(portMac.Value);
}
