using FastPath.Vfio.Pci;

namespace FastPath.Vfio.Setup;

/// <summary>Explains why an IOMMU group is not viable: which other devices share it and what drives them.</summary>
public static class GroupViability
{
    /// <summary>Drivers that do not make a group unviable: VFIO's own, pci-stub, and PCIe port drivers of bridges.</summary>
    public static readonly IReadOnlySet<string> HarmlessDrivers = new HashSet<string>(StringComparer.Ordinal) { PciSysfs.VfioPciDriver, "pci-stub", "pcieport" };

    /// <summary>The other devices of <paramref name="group"/> whose drivers keep the group from being viable.</summary>
    public static IReadOnlyList<PciDeviceIdentity> FindBlockers(PciSysfs sysfs, int group)
    {
        ArgumentNullException.ThrowIfNull(sysfs);
        return sysfs.GetGroupDevices(group)
            .Where(sysfs.Exists)
            .Select(sysfs.GetDevice)
            .Where(d => d.Driver is not null && !HarmlessDrivers.Contains(d.Driver))
            .ToList();
    }

    /// <summary>A sentence naming the blockers of <paramref name="group"/> and the fix, for error messages.</summary>
    public static string Explain(PciSysfs sysfs, int group, PciAddress wanted)
    {
        IReadOnlyList<PciDeviceIdentity> blockers = FindBlockers(sysfs, group).Where(d => d.Address != wanted).ToList();
        if (blockers.Count == 0)
        {
            return $"IOMMU group {group} of {wanted} is not viable, but sysfs shows no other device of it on a kernel driver: bind {wanted} to vfio-pci with `fastpath-devbind bind {wanted}`.";
        }

        string list = string.Join(", ", blockers.Select(d => $"{d.Address} (driver {d.Driver})"));
        string commands = string.Join(" and ", blockers.Select(d => $"`fastpath-devbind bind {d.Address}`"));
        return $"IOMMU group {group} of {wanted} is not viable: it also holds {list}, still on kernel drivers. The IOMMU cannot isolate devices of one group, so bind all of them to vfio-pci ({commands}) or move the NIC to a slot with its own group (ACS).";
    }
}
