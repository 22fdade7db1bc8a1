namespace FastPath.Ports;

/// <summary>A port was asked for a control operation its kind does not support; the message names the port, its kind and the capability.</summary>
public sealed class PortCapabilityException : NotSupportedException
{
    /// <summary>Creates the exception for <paramref name="port"/> lacking <paramref name="capability"/>.</summary>
    public PortCapabilityException(IPort port, PortCapabilities capability)
        : base(Describe(port, capability))
    {
        Capability = capability;
    }

    /// <summary>The capability the port lacks.</summary>
    public PortCapabilities Capability { get; }

    private static string Describe(IPort port, PortCapabilities capability)
    {
        ArgumentNullException.ThrowIfNull(port);
        PortInfo info = port.Info;
        PortCapabilities[] supported = [.. Enum.GetValues<PortCapabilities>().Where(c => c != PortCapabilities.None && info.Supports(c))];
        string has = supported.Length == 0 ? "none" : string.Join(", ", supported);
        return $"Port {port.Id} '{port.Name}' ({info.Driver}) does not support {capability}; {info.Driver} ports support: {has}.";
    }
}
