using FastPath.Vfio.Setup;
using FastPath.Vfio.Tests.Fakes;

namespace FastPath.Vfio.Tests.Setup;

public sealed class HugepageSetupTests : IDisposable
{
    private readonly FakeSystem _system = new();

    public void Dispose() => _system.Dispose();

    [Fact]
    public void Reserve_writes_nr_hugepages_and_reads_back_the_result()
    {
        Assert.Equal(64, new HugepageSetup(_system.Environment).Reserve(64));
        Assert.Equal("64", File.ReadAllText(Path.Combine(_system.Proc, "sys", "vm", "nr_hugepages")));
    }

    [Fact]
    public void A_reservation_the_kernel_cuts_short_fails_naming_both_counts_and_the_fix()
    {
        _system.HugepageCapacity = 40;
        var error = Assert.Throws<VfioException>(() => new HugepageSetup(_system.Environment).Reserve(64));
        Assert.StartsWith("Only 40 of 64 hugepages could be reserved", error.Message);
        Assert.Contains("hugepages=64 on the kernel command line", error.Message);
        Assert.Equal("40", File.ReadAllText(Path.Combine(_system.Proc, "sys", "vm", "nr_hugepages")));
    }

    [Fact]
    public void A_reservation_within_what_the_kernel_finds_succeeds()
    {
        _system.HugepageCapacity = 40;
        Assert.Equal(40, new HugepageSetup(_system.Environment).Reserve(40));
    }

    [Fact]
    public void Reports_mounted_hugetlbfs_from_proc_mounts()
    {
        File.AppendAllText(Path.Combine(_system.Proc, "mounts"), "nodev /mnt/huge hugetlbfs rw,relatime,pagesize=2M 0 0\n");
        var setup = new HugepageSetup(_system.Environment);
        Assert.True(setup.IsMounted("/mnt/huge"));
        Assert.True(setup.IsMounted("/mnt/huge/"));
        Assert.False(setup.IsMounted("/mnt/other"));
        Assert.False(setup.Mount("/mnt/huge"));
    }

    [Fact]
    public void Reads_the_counters_of_the_environment()
    {
        _system.SetHugepages(16, 9);
        Assert.Equal(9, new HugepageSetup(_system.Environment).ReadStatus().Free);
    }
}
