using FastPath.Vfio.Pci;
using FastPath.Vfio.Setup;
using Xunit.Abstractions;

namespace FastPath.Vfio.Tests.Guest;

/// <summary>The diagnostics and the binder against the guest's real sysfs, IOMMU and vfio-pci.</summary>
[Collection(GuestCollection.Name)]
[Trait("Category", "Guest")]
public sealed class SetupGuestTests(ITestOutputHelper output)
{
    [GuestFact]
    public void The_guest_passes_every_system_and_device_check()
    {
        var check = new VfioEnvironmentCheck();
        IReadOnlyList<CheckResult> results = [.. check.CheckSystem(), .. check.CheckDevice(GuestNics.A), .. check.CheckDevice(GuestNics.B)];
        foreach (CheckResult result in results)
        {
            output.WriteLine(result.ToString());
        }

        Assert.All(results, r => Assert.Equal(CheckStatus.Pass, r.Status));
    }

    [GuestFact]
    public void Status_sees_the_nics_on_vfio_pci_in_their_own_groups()
    {
        var sysfs = new PciSysfs();
        PciDeviceIdentity a = sysfs.GetDevice(GuestNics.A);
        PciDeviceIdentity b = sysfs.GetDevice(GuestNics.B);
        output.WriteLine($"{a}\n{b}");
        Assert.True(a.IsNetworkController && a.IsBoundToVfio);
        Assert.NotNull(a.IommuGroup);
        Assert.NotEqual(a.IommuGroup, b.IommuGroup);
        Assert.Equal([GuestNics.A], sysfs.GetGroupDevices(a.IommuGroup!.Value));
    }

    [GuestFact]
    public void Unbind_and_bind_move_a_nic_off_and_back_onto_vfio_pci()
    {
        var binder = new DeviceBinder(probeTimeout: TimeSpan.FromSeconds(1));
        var sysfs = new PciSysfs();
        string? after = binder.Unbind(GuestNics.B);
        output.WriteLine($"after unbind: {after ?? "no driver"}");
        Assert.NotEqual(PciSysfs.VfioPciDriver, sysfs.GetDriver(GuestNics.B));
        string? before = binder.Bind(GuestNics.B);
        Assert.Equal(after, before);
        Assert.Equal(PciSysfs.VfioPciDriver, sysfs.GetDriver(GuestNics.B));
        Assert.Equal(PciSysfs.VfioPciDriver, binder.Bind(GuestNics.B));
        int group = sysfs.GetIommuGroup(GuestNics.B)!.Value;
        Assert.True(E1000e.TryWait(() => File.Exists($"/dev/vfio/{group}"), TimeSpan.FromSeconds(2)), $"/dev/vfio/{group} did not come back after the bind.");
    }
}
