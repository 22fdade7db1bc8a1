namespace FastPath.Drivers.Ixgbe.Rss;

/// <summary>Which headers the RSS hash covers, per protocol (the MRQC field enables).</summary>
[Flags]
public enum RssHashFields
{
    /// <summary>No hashing: every frame goes to queue 0.</summary>
    None = 0,

    /// <summary>IPv4 source and destination addresses.</summary>
    IPv4 = 1 << 0,

    /// <summary>IPv4 addresses and TCP ports.</summary>
    IPv4Tcp = 1 << 1,

    /// <summary>IPv4 addresses and UDP ports.</summary>
    IPv4Udp = 1 << 2,

    /// <summary>IPv6 source and destination addresses.</summary>
    IPv6 = 1 << 3,

    /// <summary>IPv6 addresses and TCP ports.</summary>
    IPv6Tcp = 1 << 4,

    /// <summary>IPv6 addresses and UDP ports.</summary>
    IPv6Udp = 1 << 5,

    /// <summary>Everything the 82599 can hash without IPv6 extension headers.</summary>
    All = IPv4 | IPv4Tcp | IPv4Udp | IPv6 | IPv6Tcp | IPv6Udp,
}
