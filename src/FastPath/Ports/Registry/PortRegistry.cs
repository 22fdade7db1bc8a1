using FastPath.Ports;
using FastPath.Vfio.Pci;

namespace FastPath.Ports.Registry;

/// <summary>
/// The engine's port registry: opens ports from spec strings and assigns each the next port id. It knows no kind
/// itself: each comes from a registered <see cref="PortDriver"/>. An application registers the drivers it references:
/// the virtual kinds (FastPath.Ports.Virtual), a simulated NIC's kind (such as <c>sim</c>) with <see cref="Register"/>,
/// and each PCI NIC driver with <see cref="RegisterPciNic"/>, which adds it behind the one <c>pci</c> kind all PCI NIC
/// drivers share (<see cref="PciPortKind"/>).
/// </summary>
public sealed class PortRegistry
{
    private static readonly Dictionary<string, string> s_driverAssemblyKinds = new(StringComparer.Ordinal)
    {
        ["pci"] = "a PCI NIC driver over VFIO (FastPath.Vfio with a NIC driver such as ixgbe)",
        ["sim"] = "a simulated NIC model (such as the ixgbe driver's sim)",
    };

    private readonly Dictionary<string, PortDriver> _drivers = new(StringComparer.Ordinal);
    private readonly PciSysfs _sysfs;
    private PciPortKind? _pci;

    /// <summary>Creates a factory with no kinds; PCI devices are looked up in <c>/sys</c>.</summary>
    public PortRegistry()
        : this(new PciSysfs())
    {
    }

    /// <summary>Creates a factory with no kinds; PCI devices are looked up in <paramref name="sysfs"/>.</summary>
    public PortRegistry(PciSysfs sysfs)
    {
        ArgumentNullException.ThrowIfNull(sysfs);
        _sysfs = sysfs;
    }

    /// <summary>The registered drivers, in registration order.</summary>
    public IReadOnlyCollection<PortDriver> Drivers => _drivers.Values;

    /// <summary>
    /// Adds a kind of port. A driver that registers the whole <c>pci</c> kind this way excludes every PCI NIC driver
    /// (<see cref="RegisterPciNic"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The kind is registered already.</exception>
    public void Register(PortDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        if (_pci is not null && driver.Kind == PciPortKind.Kind)
        {
            throw new InvalidOperationException($"Port kind 'pci' is shared by the PCI NIC drivers ({string.Join(", ", _pci.Drivers.Select(d => d.Name))}); register this one with RegisterPciNic as a PciNicDriver.");
        }

        if (!_drivers.TryAdd(driver.Kind, driver))
        {
            throw new InvalidOperationException($"Port kind '{driver.Kind}' is registered twice; register each driver once.");
        }
    }

    /// <summary>Adds a PCI NIC driver behind the shared <c>pci</c> kind, creating the kind with the first one.</summary>
    /// <exception cref="InvalidOperationException">
    /// <c>pci</c> was registered whole with <see cref="Register"/>, the driver is registered already, or another
    /// driver claims one of its device ids.
    /// </exception>
    public void RegisterPciNic(PciNicDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        if (_pci is null && _drivers.TryGetValue(PciPortKind.Kind, out PortDriver? whole))
        {
            throw new InvalidOperationException($"Port kind 'pci' was registered whole ('{whole.Description}'), so PCI NIC driver '{driver.Name}' cannot share it; register that driver with RegisterPciNic too, as a PciNicDriver.");
        }

        _pci ??= new PciPortKind(_sysfs);
        _pci.Add(driver);
        _drivers[PciPortKind.Kind] = _pci.PortDriver;
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
