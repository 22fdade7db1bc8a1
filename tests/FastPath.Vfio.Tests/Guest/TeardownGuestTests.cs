using FastPath.Linux.Events;
using FastPath.Mempool.Memory;
using FastPath.Vfio.Containers;
using FastPath.Vfio.Devices;
using FastPath.Vfio.Dma;
using FastPath.Vfio.Pci;

namespace FastPath.Vfio.Tests.Guest;

/// <summary>Disposing everything releases every fd and stops the device's DMA.</summary>
[Collection(GuestCollection.Name)]
[Trait("Category", "Guest")]
public sealed class TeardownGuestTests
{
    [GuestFact]
    public void Opening_and_disposing_everything_leaks_no_file_descriptor()
    {
        UseEverything();
        int before = OpenDescriptors();
        UseEverything();
        Assert.Equal(before, OpenDescriptors());
    }

    [GuestFact]
    public void Dispose_clears_bus_mastering()
    {
        using VfioContainer container = VfioContainer.Open();
        VfioPciDevice nic = VfioPciDevice.Open(GuestNics.A, container);
        nic.EnableBusMastering();
        Assert.Equal(PciCommand.BusMaster, SysfsCommand(GuestNics.A) & PciCommand.BusMaster);
        nic.Dispose();
        Assert.Equal(PciCommand.None, SysfsCommand(GuestNics.A) & PciCommand.BusMaster);
    }

    [GuestFact]
    public void The_shared_container_serves_devices_of_different_groups()
    {
        using VfioPciDevice a = VfioPciDevice.Open(GuestNics.A);
        using VfioPciDevice b = VfioPciDevice.Open(GuestNics.B);
        Assert.Same(VfioContainer.Shared, a.Container);
        Assert.Same(a.Container, b.Container);
        Assert.NotEqual(a.Group.Number, b.Group.Number);
    }

    private static void UseEverything()
    {
        using VfioContainer container = VfioContainer.Open();
        using VfioPciDevice a = VfioPciDevice.Open(GuestNics.A, container);
        using VfioPciDevice b = VfioPciDevice.Open(GuestNics.B, container);
        using var mapper = new VfioDmaMapper(container);
        using DmaRegion region = DmaRegion.Allocate(2 << 20, mapper, HugepagePolicy.Require);
        using EventFd eventFd = EventFd.Create();
        using var waiter = new EpollWaiter();
        waiter.Add(eventFd, 1);
        a.EnableBusMastering();
        a.GetBar(0).Read32(E1000e.Status);
        b.GetBar(0).Read32(E1000e.Status);
        a.Device.SetIrqEventFds(VfioPciIrq.Msix, 0, [eventFd]);
        a.Device.DisableIrqs(VfioPciIrq.Msix);
        a.DisableBusMastering();
    }

    private static int OpenDescriptors() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    private static PciCommand SysfsCommand(PciAddress address)
    {
        byte[] config = File.ReadAllBytes(Path.Combine(new PciSysfs().DevicePath(address), "config"));
        return (PciCommand)BitConverter.ToUInt16(config, 4);
    }
}
