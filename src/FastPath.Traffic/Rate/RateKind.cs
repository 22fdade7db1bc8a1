namespace FastPath.Traffic.Rate;

/// <summary>The unit of a <see cref="RateLimit"/>.</summary>
public enum RateKind
{
    /// <summary>As fast as the port takes frames.</summary>
    Unlimited,

    /// <summary>Frames per second.</summary>
    PacketsPerSecond,

    /// <summary>Bits per second on the wire, counting FCS, preamble and gap (24 bytes per frame beyond what ports count).</summary>
    BitsPerSecond,

    /// <summary>A percentage of the port's line rate, turned into bits per second once the port is known.</summary>
    PercentOfLineRate,
}
