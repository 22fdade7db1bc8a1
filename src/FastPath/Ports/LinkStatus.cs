namespace FastPath.Ports;

/// <summary>Whether a port's link is up and at what speed.</summary>
/// <param name="IsUp">Whether the link is up.</param>
/// <param name="SpeedMbps">Link speed in Mbit/s; 0 when down or unknown.</param>
/// <param name="FullDuplex">Whether the link is full duplex.</param>
public readonly record struct LinkStatus(bool IsUp, int SpeedMbps, bool FullDuplex = true)
{
    /// <summary>A link that is down.</summary>
    public static LinkStatus Down => new(false, 0, false);

    /// <inheritdoc />
    public override string ToString() => IsUp ? $"up {SpeedMbps} Mbit/s {(FullDuplex ? "full" : "half")} duplex" : "down";
}
