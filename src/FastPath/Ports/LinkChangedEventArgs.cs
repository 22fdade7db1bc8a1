namespace FastPath.Ports;

/// <summary>A port's link went up or down, or changed speed.</summary>
/// <param name="port">The port.</param>
/// <param name="previous">The link as it was.</param>
/// <param name="current">The link as it is now.</param>
public sealed class LinkChangedEventArgs(IPort port, LinkStatus previous, LinkStatus current) : EventArgs
{
    /// <summary>The port.</summary>
    public IPort Port { get; } = port;

    /// <summary>The link as it was.</summary>
    public LinkStatus Previous { get; } = previous;

    /// <summary>The link as it is now.</summary>
    public LinkStatus Current { get; } = current;
}
