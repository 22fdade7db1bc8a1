using System.Globalization;

namespace FastPath.Vfio.Pci;

/// <summary>
/// Reads the PCI view of sysfs: devices, their drivers, ids, classes and IOMMU groups. The root is configurable
/// so tests can point it at a fake tree.
/// </summary>
/// <param name="root">The sysfs mount point, normally <c>/sys</c>.</param>
public sealed class PciSysfs(string root = "/sys")
{
    /// <summary>The name of the VFIO PCI driver.</summary>
    public const string VfioPciDriver = "vfio-pci";

    /// <summary>The sysfs mount point.</summary>
    public string Root { get; } = root;

    /// <summary><c>/sys/bus/pci/devices</c>.</summary>
    public string DevicesDirectory => Path.Combine(Root, "bus", "pci", "devices");

    /// <summary><c>/sys/bus/pci/drivers</c>.</summary>
    public string DriversDirectory => Path.Combine(Root, "bus", "pci", "drivers");

    /// <summary><c>/sys/bus/pci/drivers_probe</c>: writing an address there makes the kernel probe drivers for it.</summary>
    public string DriversProbePath => Path.Combine(Root, "bus", "pci", "drivers_probe");

    /// <summary><c>/sys/kernel/iommu_groups</c>.</summary>
    public string IommuGroupsDirectory => Path.Combine(Root, "kernel", "iommu_groups");

    /// <summary>Whether the IOMMU is on: the kernel made at least one IOMMU group.</summary>
    public bool IsIommuEnabled => Directory.Exists(IommuGroupsDirectory) && Directory.EnumerateFileSystemEntries(IommuGroupsDirectory).Any();

    /// <summary>The sysfs directory of a device (<c>/sys/bus/pci/devices/BDF</c>).</summary>
    public string DevicePath(PciAddress address) => Path.Combine(DevicesDirectory, address.ToString());

    /// <summary>Whether a device with this address exists.</summary>
    public bool Exists(PciAddress address) => Directory.Exists(DevicePath(address));

    /// <summary>Reads a device's ids, class, driver and IOMMU group.</summary>
    /// <exception cref="VfioException">No such device; the message says how to list devices.</exception>
    public PciDeviceIdentity GetDevice(PciAddress address)
    {
        string path = DevicePath(address);
        if (!Directory.Exists(path))
        {
            throw new VfioException($"There is no PCI device {address} ({path} does not exist). List devices with `fastpath-devbind status` or `lspci -D`.");
        }

        return new PciDeviceIdentity(
            address,
            (ushort)ReadHex(Path.Combine(path, "vendor")),
            (ushort)ReadHex(Path.Combine(path, "device")),
            (uint)ReadHex(Path.Combine(path, "class")),
            GetDriver(address),
            GetIommuGroup(address));
    }

    /// <summary>Every PCI device, sorted by address.</summary>
    public IReadOnlyList<PciDeviceIdentity> EnumerateDevices()
    {
        if (!Directory.Exists(DevicesDirectory))
        {
            return [];
        }

        var devices = new List<PciDeviceIdentity>();
        foreach (string entry in Directory.EnumerateFileSystemEntries(DevicesDirectory))
        {
            if (PciAddress.TryParse(Path.GetFileName(entry), out PciAddress address, out _))
            {
                devices.Add(GetDevice(address));
            }
        }

        devices.Sort((a, b) => string.CompareOrdinal(a.Address.ToString(), b.Address.ToString()));
        return devices;
    }

    /// <summary>The name of the driver bound to the device, or null when none is.</summary>
    public string? GetDriver(PciAddress address) => LinkName(Path.Combine(DevicePath(address), "driver"));

    /// <summary>The device's IOMMU group number, or null when the IOMMU is off.</summary>
    public int? GetIommuGroup(PciAddress address)
    {
        string? name = LinkName(Path.Combine(DevicePath(address), "iommu_group"));
        return name is not null && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int group) ? group : null;
    }

    /// <summary>The devices of IOMMU group <paramref name="group"/>, sorted by address.</summary>
    public IReadOnlyList<PciAddress> GetGroupDevices(int group)
    {
        string directory = Path.Combine(IommuGroupsDirectory, group.ToString(CultureInfo.InvariantCulture), "devices");
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var devices = new List<PciAddress>();
        foreach (string entry in Directory.EnumerateFileSystemEntries(directory))
        {
            if (PciAddress.TryParse(Path.GetFileName(entry), out PciAddress address, out _))
            {
                devices.Add(address);
            }
        }

        devices.Sort((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
        return devices;
    }

    /// <summary>The kernel network interfaces of the device (its <c>net</c> directory), e.g. "eth0".</summary>
    public IReadOnlyList<string> GetNetworkInterfaces(PciAddress address)
    {
        string directory = Path.Combine(DevicePath(address), "net");
        return Directory.Exists(directory) ? Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>Whether a driver is registered with the PCI bus (its module is loaded).</summary>
    public bool IsDriverLoaded(string driver) => Directory.Exists(Path.Combine(DriversDirectory, driver));

    private static string? LinkName(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            return Path.GetFileName(target.TrimEnd('/'));
        }

        return Directory.Exists(path) ? Path.GetFileName(Path.GetFullPath(path).TrimEnd('/')) : null;
    }

    private static ulong ReadHex(string path)
    {
        string text = File.Exists(path) ? File.ReadAllText(path).Trim() : throw new VfioException($"{path} is missing: is sysfs mounted at the configured root?");
        ReadOnlySpan<char> digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text;
        return ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw new VfioException($"{path} holds '{text}', not a hexadecimal number.");
    }
}
