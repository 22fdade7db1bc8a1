using FastPath.Vfio.Pci;
using FastPath.Vfio.Tests.Fakes;

namespace FastPath.Vfio.Tests.Pci;

public sealed class PciSysfsTests : IDisposable
{
    private readonly FakeSystem _system = new();

    public void Dispose() => _system.Dispose();

    [Fact]
    public void Reads_ids_class_driver_and_group()
    {
        _system.AddDevice("0000:04:00.0", driver: "e1000e", group: 7);
        var sysfs = new PciSysfs(_system.Sys);
        PciDeviceIdentity device = sysfs.GetDevice(PciAddress.Parse("0000:04:00.0"));
        Assert.Equal(0x8086, device.VendorId);
        Assert.Equal(0x10d3, device.DeviceId);
        Assert.Equal(0x020000u, device.ClassCode);
        Assert.True(device.IsNetworkController);
        Assert.Equal("e1000e", device.Driver);
        Assert.Equal(7, device.IommuGroup);
        Assert.False(device.IsBoundToVfio);
        Assert.Equal("8086:10d3", device.Ids);
    }

    [Fact]
    public void A_device_without_driver_or_iommu_has_nulls()
    {
        _system.AddDevice("0000:05:00.0", driver: null, group: null);
        PciDeviceIdentity device = new PciSysfs(_system.Sys).GetDevice(PciAddress.Parse("0000:05:00.0"));
        Assert.Null(device.Driver);
        Assert.Null(device.IommuGroup);
    }

    [Fact]
    public void Lists_group_members_and_all_devices()
    {
        _system.AddDevice("0000:04:00.0", group: 3);
        _system.AddDevice("0000:04:00.1", group: 3, classCode: 0x0c0330);
        _system.AddDevice("0000:05:00.0", group: 4);
        var sysfs = new PciSysfs(_system.Sys);
        Assert.Equal([PciAddress.Parse("0000:04:00.0"), PciAddress.Parse("0000:04:00.1")], sysfs.GetGroupDevices(3));
        Assert.Equal(3, sysfs.EnumerateDevices().Count);
        Assert.True(sysfs.IsIommuEnabled);
    }

    [Fact]
    public void An_unknown_device_names_the_missing_path_and_how_to_list_devices()
    {
        var e = Assert.Throws<VfioException>(() => new PciSysfs(_system.Sys).GetDevice(PciAddress.Parse("0000:09:00.0")));
        Assert.Contains("no PCI device 0000:09:00.0", e.Message);
        Assert.Contains("fastpath-devbind status", e.Message);
    }
}
