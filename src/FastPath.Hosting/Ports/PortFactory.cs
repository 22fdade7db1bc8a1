using FastPath.Ports;

namespace FastPath.Hosting.Ports;

/// <summary>
/// Opens ports from spec strings. It knows no kind itself: each comes from a registered <see cref="PortDriver"/>.
/// <see cref="CreateDefault"/> registers the virtual kinds; an application that references a driver assembly registers
/// that driver's kinds (such as <c>pci</c> or <c>sim</c>) with <see cref="Register"/>.
/// </summary>
public sealed class PortFactory
{
    private static readonly Dictionary<string, string> s_driverAssemblyKinds = new(StringComparer.Ordinal)
    {
        ["pci"] = "a PCI NIC driver over VFIO (FastPath.Vfio with a NIC driver such as ixgbe)",
        ["sim"] = "a simulated NIC model (such as the ixgbe driver's sim)",
    };

    private readonly Dictionary<string, PortDriver> _drivers = new(StringComparer.Ordinal);

    /// <summary>The registered drivers, in registration order.</summary>
    public IReadOnlyCollection<PortDriver> Drivers => _drivers.Values;

    /// <summary>A factory with the virtual port kinds: null, ring, af_packet, pcap and pcap-out.</summary>
    public static PortFactory CreateDefault()
    {
        var factory = new PortFactory();
        foreach (PortDriver driver in VirtualPortDrivers.All)
        {
            factory.Register(driver);
        }

        return factory;
    }

    /// <summary>Adds a kind of port.</summary>
    /// <exception cref="InvalidOperationException">The kind is registered already.</exception>
    public void Register(PortDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        if (!_drivers.TryAdd(driver.Kind, driver))
        {
            throw new InvalidOperationException($"Port kind '{driver.Kind}' is registered twice; register each driver once.");
        }
    }

    /// <summary>Parses a spec and checks its kind is registered, without opening anything.</summary>
    /// <exception cref="UsageException">The kind is unknown or the spec does not fit its syntax.</exception>
    public PortSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string kind = PortSpec.KindOf(text);
        if (_drivers.TryGetValue(kind, out PortDriver? driver))
        {
            return PortSpec.Parse(text, driver);
        }

        string known = string.Join(", ", _drivers.Keys);
        if (s_driverAssemblyKinds.TryGetValue(kind, out string? needs))
        {
            throw new UsageException($"Port spec '{text}': kind '{kind}' is not available in this build; it needs {needs}. Available kinds: {known}.");
        }

        throw new UsageException($"Port spec '{text}': unknown port kind '{kind}'; use one of {known} (see --help).");
    }

    /// <summary>Opens the port a spec describes.</summary>
    /// <exception cref="UsageException">The spec is wrong or names something that is not there.</exception>
    public IPort Open(string text, PortOpenContext context) => Open(Parse(text), context);

    /// <summary>Opens the port a parsed spec describes.</summary>
    /// <exception cref="UsageException">The spec names something that is not there.</exception>
    public IPort Open(PortSpec spec, PortOpenContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        return _drivers[spec.Kind].Open(spec, context);
    }

    /// <summary>One line per kind, for <c>--help</c>.</summary>
    public string DescribeKinds() =>
        string.Join(Environment.NewLine, _drivers.Values.Select(d => $"  {d.Syntax,-40} {d.Description}"));
}
