using FastPath.Ports;
using FastPath.Vfio;
using FastPath.Vfio.Pci;

namespace FastPath.Ports.Registry;

/// <summary>
/// The one <c>pci:DDDD:BB:DD.F[:option…]</c> port kind for every PCI NIC driver: it parses the address, reads the
/// device's vendor and device ids from sysfs and hands the device to the registered <see cref="PciNicDriver"/> that
/// claims them, or fails with one line naming the device's ids and every driver with the ids it claims.
/// </summary>
public sealed class PciPortKind
{
    /// <summary>The port kind.</summary>
    public const string Kind = "pci";

    private readonly PciSysfs _sysfs;
    private readonly List<PciNicDriver> _drivers = [];

    /// <summary>Creates the kind with no drivers, reading devices from <paramref name="sysfs"/>.</summary>
    public PciPortKind(PciSysfs sysfs)
    {
        ArgumentNullException.ThrowIfNull(sysfs);
        _sysfs = sysfs;
        PortDriver = Describe();
    }

    /// <summary>The registered NIC drivers, in registration order.</summary>
    public IReadOnlyList<PciNicDriver> Drivers => _drivers;

    /// <summary>The <c>pci</c> port driver as it stands: syntax, options and description cover every NIC driver added.</summary>
    public PortDriver PortDriver { get; private set; }

    /// <summary>Adds a NIC driver.</summary>
    /// <exception cref="InvalidOperationException">A driver of that name is there, or another driver claims one of its ids.</exception>
    public void Add(PciNicDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        foreach (PciNicDriver existing in _drivers)
        {
            if (existing.Name == driver.Name)
            {
                throw new InvalidOperationException($"PCI NIC driver '{driver.Name}' is registered twice; register each driver once.");
            }

            PciDeviceId[] shared = [.. existing.DeviceIds.Intersect(driver.DeviceIds)];
            if (shared.Length > 0)
            {
                throw new InvalidOperationException($"PCI NIC drivers '{existing.Name}' and '{driver.Name}' both claim {string.Join(", ", shared)}; a device id belongs to one driver.");
            }
        }

        _drivers.Add(driver);
        PortDriver = Describe();
    }

    /// <summary>The driver that claims <paramref name="id"/>, or null.</summary>
    public PciNicDriver? FindDriver(PciDeviceId id) => _drivers.Find(d => d.DeviceIds.Contains(id));

    private PortDriver Describe()
    {
        string[] options = [.. _drivers.SelectMany(d => d.Options).Distinct().Order(StringComparer.Ordinal)];
        string[] flags = [.. _drivers.SelectMany(d => d.Flags).Distinct().Order(StringComparer.Ordinal)];
        string tail = string.Concat(options.Select(o => $"[:{o}=N]").Concat(flags.Select(f => $"[:{f}]")));
        string drivers = _drivers.Count == 0 ? "no driver registered" : string.Join(", ", _drivers.Select(d => $"{d.Name} ({d.Description})"));
        return new PortDriver
        {
            Kind = Kind,
            Syntax = $"pci:DDDD:BB:DD.F{tail}",
            Description = $"a PCI NIC bound to vfio-pci, handed to the driver that claims its ids: {drivers}",
            TargetName = "PCI address",
            Options = options.ToHashSet(StringComparer.Ordinal),
            Flags = flags.ToHashSet(StringComparer.Ordinal),
            Open = Open,
        };
    }

    private IPort Open(PortSpec spec, PortOpenContext context)
    {
        if (!PciAddress.TryParse(spec.Target, out PciAddress address, out string? error))
        {
            throw new UsageException($"Port spec '{spec.Text}': {error}");
        }

        PciDeviceIdentity identity;
        try
        {
            identity = _sysfs.GetDevice(address);
        }
        catch (Exception exception) when (exception is VfioException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Port spec '{spec.Text}': {ErrorText.OneLine(exception)}", exception);
        }

        var id = new PciDeviceId(identity.VendorId, identity.DeviceId);
        PciNicDriver driver = FindDriver(id) ?? throw new UsageException(Unclaimed(spec, identity));
        foreach (string name in spec.Options.Keys)
        {
            bool isFlag = spec.Options[name] is null;
            if (!(isFlag ? driver.Flags : driver.Options).Contains(name))
            {
                string takes = string.Join(", ", driver.Options.Select(o => $"{o}=N").Concat(driver.Flags).DefaultIfEmpty("no options"));
                throw new UsageException($"Port spec '{spec.Text}': {address} ({id}) is driven by {driver.Name}, which has no {(isFlag ? "flag" : "option")} '{name}'; {driver.Name} takes {takes}.");
            }
        }

        return driver.Open(identity, spec, context);
    }

    private string Unclaimed(PortSpec spec, PciDeviceIdentity identity)
    {
        if (_drivers.Count == 0)
        {
            return $"Port spec '{spec.Text}': {identity.Address} is {identity.Ids}, but no PCI NIC driver is registered in this build; reference a driver assembly (such as FastPath.Drivers.Ixgbe) and register it.";
        }

        string claims = string.Join("; ", _drivers.Select(d => $"{d.Name}: {string.Join("/", d.DeviceIds.OrderBy(i => i.VendorId).ThenBy(i => i.DeviceId).Select(i => i.ToString()))}"));
        return $"Port spec '{spec.Text}': {identity.Address} is {identity.Ids}, which no registered PCI NIC driver claims ({claims}); give the address of a supported NIC (lspci -Dnn lists ids).";
    }
}
