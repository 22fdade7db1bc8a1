using FastPath.Vfio.Pci;

namespace FastPath.Vfio.Tests.Guest;

/// <summary>The NICs the guest harness bound to vfio-pci, from FASTPATH_NICS, cabled A-B (and C-D).</summary>
public static class GuestNics
{
    public static string Model => Environment.GetEnvironmentVariable("FASTPATH_NIC_MODEL") ?? "e1000e";

    public static IReadOnlyList<PciAddress> All =>
        (Environment.GetEnvironmentVariable("FASTPATH_NICS") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(PciAddress.Parse).ToList();

    public static PciAddress A => All[0];

    public static PciAddress B => All[1];

    public static string? SkipReason(string? model)
    {
        if (Environment.GetEnvironmentVariable("FASTPATH_VM") != "1")
        {
            return "Needs the QEMU guest with a real IOMMU: run through tests/vm/run-in-guest.sh (FASTPATH_VM is not set).";
        }

        if (!File.Exists("/dev/vfio/vfio"))
        {
            return "/dev/vfio/vfio is missing: the vfio module is not loaded in this guest.";
        }

        if (All.Count < 2)
        {
            return "FASTPATH_NICS must name two NICs bound to vfio-pci.";
        }

        return model is not null && model != Model ? $"Needs {model} NICs; the guest has {Model} (run-in-guest.sh --nic-model {model})." : null;
    }
}
