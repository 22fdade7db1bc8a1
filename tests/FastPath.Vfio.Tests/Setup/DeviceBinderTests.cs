using FastPath.Vfio.Pci;
using FastPath.Vfio.Setup;
using FastPath.Vfio.Tests.Fakes;

namespace FastPath.Vfio.Tests.Setup;

public sealed class DeviceBinderTests : IDisposable
{
    private static readonly PciAddress Nic = PciAddress.Parse("0000:04:00.0");
    private readonly FakeSystem _system = new();

    public void Dispose() => _system.Dispose();

    [Fact]
    public void Bind_unbinds_the_kernel_driver_sets_the_override_and_probes()
    {
        _system.AddDevice(Nic.ToString(), driver: "e1000e", group: 3);
        _system.LoadDriver("vfio-pci");
        using (var kernel = new FakeKernel(_system))
        {
            string? before = new DeviceBinder(_system.Environment).Bind(Nic);
            Assert.Equal("e1000e", before);
            Assert.Equal(["unbind 0000:04:00.0 from e1000e", "probe 0000:04:00.0 -> vfio-pci"], kernel.Events);
        }

        Assert.Equal("vfio-pci", File.ReadAllText(Path.Combine(_system.DevicePath(Nic.ToString()), "driver_override")));
        Assert.Equal("vfio-pci", new PciSysfs(_system.Sys).GetDriver(Nic));
        Assert.Empty(_system.LoadedModules);
    }

    [Fact]
    public void Bind_loads_vfio_pci_when_it_is_missing()
    {
        _system.AddDevice(Nic.ToString(), driver: null, group: 3);
        using var kernel = new FakeKernel(_system);
        new DeviceBinder(_system.Environment).Bind(Nic);
        Assert.Equal(["vfio-pci"], _system.LoadedModules);
        Assert.Equal(["probe 0000:04:00.0 -> vfio-pci"], kernel.Events);
    }

    [Fact]
    public void Bind_of_a_device_already_on_vfio_pci_does_nothing()
    {
        _system.AddDevice(Nic.ToString(), driver: "vfio-pci", group: 3);
        Assert.Equal("vfio-pci", new DeviceBinder(_system.Environment).Bind(Nic));
    }

    [Fact]
    public void Bind_without_iommu_group_explains_the_iommu_is_off()
    {
        _system.AddDevice(Nic.ToString(), driver: "e1000e", group: null);
        var e = Assert.Throws<VfioException>(() => new DeviceBinder(_system.Environment).Bind(Nic));
        Assert.Contains("IOMMU is off", e.Message);
    }

    [Fact]
    public void Bind_of_an_unknown_device_says_how_to_find_addresses()
    {
        var e = Assert.Throws<VfioException>(() => new DeviceBinder(_system.Environment).Bind(Nic));
        Assert.Contains("no PCI device 0000:04:00.0", e.Message);
        Assert.Contains("fastpath-devbind status", e.Message);
    }

    [Fact]
    public void Bind_that_vfio_pci_refuses_points_at_dmesg_and_check()
    {
        _system.AddDevice(Nic.ToString(), driver: "e1000e", group: 3);
        _system.LoadDriver("vfio-pci");
        using var kernel = new FakeKernel(_system, vfioAcceptsDevices: false);
        var e = Assert.Throws<VfioException>(() => new DeviceBinder(_system.Environment, TimeSpan.FromMilliseconds(200)).Bind(Nic));
        Assert.Contains("vfio-pci did not take 0000:04:00.0", e.Message);
        Assert.Contains("fastpath-devbind check 0000:04:00.0", e.Message);
    }

    [Fact]
    public void Unbind_clears_the_override_and_gives_the_device_back_to_its_kernel_driver()
    {
        _system.AddDevice(Nic.ToString(), driver: "vfio-pci", group: 3);
        File.WriteAllText(Path.Combine(_system.DevicePath(Nic.ToString()), "driver_override"), "vfio-pci");
        using var kernel = new FakeKernel(_system, kernelDriver: "e1000e");
        Assert.Equal("e1000e", new DeviceBinder(_system.Environment).Unbind(Nic));
        Assert.Equal("\n", File.ReadAllText(Path.Combine(_system.DevicePath(Nic.ToString()), "driver_override")));
        Assert.Equal(["unbind 0000:04:00.0 from vfio-pci", "probe 0000:04:00.0 -> e1000e"], kernel.Events);
    }
}
