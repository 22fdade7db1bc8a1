using FastPath.Vfio.Pci;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>The igb NICs the guest harness bound to vfio-pci (FASTPATH_NICS, cabled NIC0-NIC1, NIC2-NIC3).</summary>
public static class GuestEnvironment
{
    public static IReadOnlyList<PciAddress> Nics =>
        (Environment.GetEnvironmentVariable("FASTPATH_NICS") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(PciAddress.Parse).ToList();

    /// <summary>The NICs' MAC addresses, in FASTPATH_NICS order (FASTPATH_NIC_MACS).</summary>
    public static IReadOnlyList<string> Macs =>
        (Environment.GetEnvironmentVariable("FASTPATH_NIC_MACS") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Where results may be written (the harness's writable share), or the temp directory.</summary>
    public static string OutputDirectory => Environment.GetEnvironmentVariable("FASTPATH_VM_OUT") ?? Path.GetTempPath();

    /// <summary>Why a guest test cannot run here, or null when it can.</summary>
    public static string? SkipReason(int nics)
    {
        if (Environment.GetEnvironmentVariable("FASTPATH_VM") != "1")
        {
            return "Needs the QEMU guest with igb NICs bound to vfio-pci: run tests/vm/suites/igb.sh (FASTPATH_VM is not set).";
        }

        if (Environment.GetEnvironmentVariable("FASTPATH_NIC_MODEL") != "igb")
        {
            return $"Needs igb NICs; the guest has {Environment.GetEnvironmentVariable("FASTPATH_NIC_MODEL")} (run-in-guest.sh --nic-model igb).";
        }

        return Nics.Count < nics ? $"Needs {nics} igb NICs bound to vfio-pci; FASTPATH_NICS names {Nics.Count} (run-in-guest.sh --nics {nics})." : null;
    }
}
