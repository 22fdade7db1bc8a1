using System.CommandLine;
using FastPath.Vfio.Pci;

namespace FastPath.Apps.Devbind;

/// <summary><c>status</c>: lists network controllers with their driver, IOMMU group and kernel interface.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "List network-class PCI devices with their driver and IOMMU group.");
        command.SetAction(_ => Run(new PciSysfs()));
        return command;
    }

    private static int Run(PciSysfs sysfs)
    {
        IReadOnlyList<PciDeviceIdentity> nics = sysfs.EnumerateDevices().Where(d => d.IsNetworkController).ToList();
        if (nics.Count == 0)
        {
            Console.WriteLine("No network-class PCI devices found.");
            return ExitCodes.Success;
        }

        Console.WriteLine($"{"BDF",-13} {"ID",-10} {"DRIVER",-12} {"GROUP",-6} INTERFACE");
        foreach (PciDeviceIdentity nic in nics)
        {
            string group = nic.IommuGroup?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
            string interfaces = string.Join(",", sysfs.GetNetworkInterfaces(nic.Address));
            Console.WriteLine($"{nic.Address,-13} {nic.Ids,-10} {nic.Driver ?? "-",-12} {group,-6} {interfaces}");
        }

        if (!sysfs.IsIommuEnabled)
        {
            Console.WriteLine("No IOMMU groups: the IOMMU is off, so no device can be bound to vfio-pci. Run `fastpath-devbind check` for the fix.");
        }

        return ExitCodes.Success;
    }
}
