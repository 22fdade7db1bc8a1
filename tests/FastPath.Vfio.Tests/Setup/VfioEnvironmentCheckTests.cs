using FastPath.Vfio.Pci;
using FastPath.Vfio.Setup;
using FastPath.Vfio.Tests.Fakes;

namespace FastPath.Vfio.Tests.Setup;

public sealed class VfioEnvironmentCheckTests : IDisposable
{
    private readonly FakeSystem _system = new();

    public void Dispose() => _system.Dispose();

    private static CheckResult Find(IReadOnlyList<CheckResult> results, string name) => Assert.Single(results, r => r.Name == name);

    private void MakeHealthy()
    {
        _system.AddDevice("0000:04:00.0", driver: "vfio-pci", group: 12);
        _system.AddVfioNode("vfio");
        _system.AddVfioNode("12");
        _system.SetHugepages(16, 16);
    }

    [Fact]
    public void A_healthy_machine_passes_every_check()
    {
        MakeHealthy();
        var check = new VfioEnvironmentCheck(_system.Environment);
        Assert.All(check.CheckSystem(), r => Assert.Equal(CheckStatus.Pass, r.Status));
        Assert.All(check.CheckDevice(PciAddress.Parse("0000:04:00.0")), r => Assert.Equal(CheckStatus.Pass, r.Status));
    }

    [Fact]
    public void No_iommu_groups_means_the_iommu_is_off_and_says_how_to_turn_it_on()
    {
        CheckResult iommu = Find(new VfioEnvironmentCheck(_system.Environment).CheckSystem(), "IOMMU");
        Assert.Equal(CheckStatus.Fail, iommu.Status);
        Assert.Contains("root=/dev/sda1", iommu.Detail);
        Assert.Contains("intel_iommu=on", iommu.Fix);
        Assert.Contains("intel-iommu", iommu.Fix);
    }

    [Fact]
    public void Missing_dev_vfio_asks_to_load_the_module()
    {
        CheckResult vfio = Find(new VfioEnvironmentCheck(_system.Environment).CheckSystem(), "/dev/vfio");
        Assert.Equal(CheckStatus.Fail, vfio.Status);
        Assert.Contains("modprobe vfio-pci", vfio.Fix);
    }

    [Fact]
    public void An_inaccessible_container_device_is_a_permission_failure()
    {
        MakeHealthy();
        _system.Inaccessible.Add(Path.Combine(_system.Dev, "vfio", "vfio"));
        CheckResult vfio = Find(new VfioEnvironmentCheck(_system.Environment).CheckSystem(), "/dev/vfio");
        Assert.Equal(CheckStatus.Fail, vfio.Status);
        Assert.Contains("permission denied", vfio.Detail);
    }

    [Fact]
    public void A_low_memlock_limit_fails_for_users_with_the_fix()
    {
        MakeHealthy();
        _system.IsRoot = false;
        _system.MemlockLimit = 8 << 20;
        CheckResult memlock = Find(new VfioEnvironmentCheck(_system.Environment).CheckSystem(), "RLIMIT_MEMLOCK");
        Assert.Equal(CheckStatus.Fail, memlock.Status);
        Assert.Contains("8192 KiB", memlock.Detail);
        Assert.Contains("ulimit -l unlimited", memlock.Fix);
    }

    [Fact]
    public void A_low_memlock_limit_is_fine_for_root()
    {
        MakeHealthy();
        _system.MemlockLimit = 8 << 20;
        CheckResult memlock = Find(new VfioEnvironmentCheck(_system.Environment).CheckSystem(), "RLIMIT_MEMLOCK");
        Assert.Equal(CheckStatus.Pass, memlock.Status);
        Assert.Contains("CAP_IPC_LOCK", memlock.Detail);
    }

    [Theory]
    [InlineData(0, 0, "No hugepages are reserved")]
    [InlineData(8, 0, "All 8 hugepages are in use")]
    public void Missing_or_exhausted_hugepages_fail_with_the_reserve_command(long total, long free, string detail)
    {
        MakeHealthy();
        _system.SetHugepages(total, free);
        CheckResult hugepages = Find(new VfioEnvironmentCheck(_system.Environment).CheckSystem(), "hugepages");
        Assert.Equal(CheckStatus.Fail, hugepages.Status);
        Assert.Contains(detail, hugepages.Detail);
        Assert.Contains("fastpath-devbind hugepages --count", hugepages.Fix);
    }

    [Fact]
    public void A_device_on_a_kernel_driver_is_named_with_its_interface()
    {
        MakeHealthy();
        _system.AddDevice("0000:05:00.0", driver: "e1000e", group: 13, netInterface: "enp5s0");
        CheckResult driver = Find(new VfioEnvironmentCheck(_system.Environment).CheckDevice(PciAddress.Parse("0000:05:00.0")), "0000:05:00.0 driver");
        Assert.Equal(CheckStatus.Fail, driver.Status);
        Assert.Contains("kernel driver e1000e", driver.Detail);
        Assert.Contains("enp5s0", driver.Detail);
        Assert.Equal("`fastpath-devbind bind 0000:05:00.0`.", driver.Fix);
    }

    [Fact]
    public void A_group_shared_with_a_device_on_a_kernel_driver_is_not_viable_and_names_it()
    {
        MakeHealthy();
        _system.AddDevice("0000:04:00.1", driver: "snd_hda_intel", group: 12, classCode: 0x040300);
        _system.AddDevice("0000:00:1c.0", driver: "pcieport", group: 12, classCode: 0x060400);
        CheckResult group = Find(new VfioEnvironmentCheck(_system.Environment).CheckDevice(PciAddress.Parse("0000:04:00.0")), "0000:04:00.0 IOMMU group");
        Assert.Equal(CheckStatus.Fail, group.Status);
        Assert.Contains("0000:04:00.1 (driver snd_hda_intel)", group.Detail);
        Assert.DoesNotContain("pcieport", group.Detail);
        Assert.Contains("fastpath-devbind bind 0000:04:00.1", group.Fix);
    }

    [Fact]
    public void An_inaccessible_group_node_is_a_permission_failure_with_chown()
    {
        MakeHealthy();
        _system.Inaccessible.Add(Path.Combine(_system.Dev, "vfio", "12"));
        CheckResult node = Find(new VfioEnvironmentCheck(_system.Environment).CheckDevice(PciAddress.Parse("0000:04:00.0")), "0000:04:00.0 group device");
        Assert.Equal(CheckStatus.Fail, node.Status);
        Assert.Contains("permission denied", node.Detail);
        Assert.Contains("chown", node.Fix);
    }

    [Fact]
    public void An_unknown_device_is_reported_not_thrown()
    {
        CheckResult result = Assert.Single(new VfioEnvironmentCheck(_system.Environment).CheckDevice(PciAddress.Parse("0000:09:00.0")));
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("no PCI device", result.Detail);
    }

    [Fact]
    public void A_device_without_iommu_group_says_the_iommu_is_off()
    {
        _system.AddDevice("0000:06:00.0", driver: "e1000e", group: null);
        CheckResult group = Find(new VfioEnvironmentCheck(_system.Environment).CheckDevice(PciAddress.Parse("0000:06:00.0")), "0000:06:00.0 IOMMU group");
        Assert.Equal(CheckStatus.Fail, group.Status);
        Assert.Contains("intel_iommu=on", group.Fix);
    }
}
