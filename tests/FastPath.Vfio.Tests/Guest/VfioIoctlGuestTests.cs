using FastPath.Linux.Events;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Memory;
using FastPath.Vfio.Containers;
using FastPath.Vfio.Devices;
using FastPath.Vfio.Dma;
using FastPath.Vfio.Groups;
using FastPath.Vfio.Mmio;
using FastPath.Vfio.Pci;
using Xunit.Abstractions;

namespace FastPath.Vfio.Tests.Guest;

/// <summary>Every VFIO ioctl through the C# API, against the real kernel and the emulated NICs of the guest.</summary>
[Collection(GuestCollection.Name)]
[Trait("Category", "Guest")]
public sealed class VfioIoctlGuestTests(ITestOutputHelper output)
{
    private static int GroupOf(PciAddress address) => new PciSysfs().GetIommuGroup(address) ?? throw new InvalidOperationException($"{address} has no IOMMU group.");

    [GuestFact]
    public void Container_reports_api_version_0_and_the_type1_extensions()
    {
        using VfioContainer container = VfioContainer.Open();
        Assert.Equal(0, container.GetApiVersion());
        Assert.True(container.CheckExtension(VfioExtension.Type1Iommu));
        Assert.True(container.CheckExtension(VfioExtension.Type1v2Iommu));
        Assert.False(container.CheckExtension(VfioExtension.NoIommu));
        Assert.Null(container.IommuType);
    }

    [GuestFact]
    public void Group_joins_a_container_and_the_iommu_reports_page_sizes_and_iova_ranges()
    {
        using VfioContainer container = VfioContainer.Open();
        using VfioGroup group = VfioGroup.Open(GroupOf(GuestNics.A));
        Assert.Equal(VfioGroupStatusFlags.Viable, group.GetStatus());
        group.SetContainer(container);
        Assert.Equal(VfioGroupStatusFlags.Viable | VfioGroupStatusFlags.ContainerSet, group.GetStatus());
        container.SetIommu(VfioIommuType.Type1v2);
        Assert.Equal(VfioIommuType.Type1v2, container.EnsureIommu());

        VfioIommuInfo info = container.GetIommuInfo();
        output.WriteLine($"page sizes 0x{info.PageSizes:x}, ranges {string.Join(", ", info.IovaRanges)}, mappings available {info.DmaMappingsAvailable}");
        Assert.Equal(0x1000UL, info.PageSizes & 0x1000);
        Assert.Equal(0x200000UL, info.PageSizes & 0x200000);
        Assert.Equal(4096UL, info.MinimumPageSize);
        Assert.NotEmpty(info.IovaRanges);
        Assert.Equal(0UL, info.IovaRanges[0].Start);
        Assert.True(info.DmaMappingsAvailable > 0);

        group.UnsetContainer();
        Assert.Equal(VfioGroupStatusFlags.Viable, group.GetStatus());
    }

    [GuestFact]
    public void Two_groups_share_one_container_and_dma_maps_a_hugepage_inside_the_reported_ranges()
    {
        using VfioContainer container = VfioContainer.Open();
        using VfioGroup a = VfioGroup.Open(GroupOf(GuestNics.A));
        using VfioGroup b = VfioGroup.Open(GroupOf(GuestNics.B));
        a.SetContainer(container);
        b.SetContainer(container);
        Assert.True((b.GetStatus() & VfioGroupStatusFlags.ContainerSet) != 0);

        using var mapper = new VfioDmaMapper(container);
        using (DmaRegion region = DmaRegion.Allocate(2 << 20, mapper, HugepagePolicy.Require))
        {
            ulong iova = region.GetIova(0);
            output.WriteLine($"hugepage at 0x{region.Address:x} mapped at IOVA 0x{iova:x}");
            Assert.True(region.IsHugepageBacked);
            Assert.Equal(0UL, iova % (2 << 20));
            Assert.Contains(mapper.Info.IovaRanges, r => r.Start <= iova && iova + (2 << 20) - 1 <= r.End);
            Assert.Equal(1, mapper.MappingCount);
        }

        Assert.Equal(0, mapper.MappingCount);
        Assert.Throws<VfioException>(() => container.MapDma(0x1000, 0x100000, 0x1000));
    }

    [GuestFact(NicModel = "e1000e")]
    public unsafe void Device_reports_pci_flags_regions_irqs_and_maps_bar0()
    {
        using VfioContainer container = VfioContainer.Open();
        using VfioGroup group = VfioGroup.Open(GroupOf(GuestNics.A));
        group.SetContainer(container);
        container.EnsureIommu();
        using (VfioDevice device = group.OpenDevice(GuestNics.A.ToString()))
        {
            VfioDeviceInfo info = device.GetInfo();
            output.WriteLine($"device {info}");
            Assert.Equal(VfioDeviceFlags.Pci | VfioDeviceFlags.Reset, info.Flags & (VfioDeviceFlags.Pci | VfioDeviceFlags.Reset));
            Assert.Equal(9, info.RegionCount);
            Assert.Equal(5, info.IrqCount);

            for (int i = 0; i <= (int)VfioPciRegion.Config; i++)
            {
                VfioRegionInfo region = device.GetRegionInfo(i);
                output.WriteLine($"region {i}: {region.Flags} size 0x{region.Size:x} offset 0x{region.Offset:x} sparse [{string.Join(", ", region.SparseMmapAreas)}] msix-mappable {region.IsMsixMappable}");
            }

            VfioRegionInfo bar0 = device.GetRegionInfo(VfioPciRegion.Bar0);
            Assert.Equal(128UL * 1024, bar0.Size);
            Assert.Equal(VfioRegionFlags.Read | VfioRegionFlags.Write | VfioRegionFlags.Mmap, bar0.Flags & ~VfioRegionFlags.Capabilities);
            VfioRegionInfo msixBar = device.GetRegionInfo(VfioPciRegion.Bar3);
            Assert.True((msixBar.Flags & VfioRegionFlags.Capabilities) != 0);
            Assert.True(msixBar.IsMsixMappable || msixBar.SparseMmapAreas.Count > 0);
            Assert.Equal(4096UL, device.GetRegionInfo(VfioPciRegion.Config).Size);
            Assert.Equal(VfioRegionFlags.Read | VfioRegionFlags.Write, device.GetRegionInfo(VfioPciRegion.Bar2).Flags);

            // Index 8 exists in the numbering, but vfio-pci answers EINVAL for it on a device that is not a VGA controller.
            Assert.Equal(22, Assert.Throws<VfioException>(() => device.GetRegionInfo(VfioPciRegion.Vga)).Errno);

            VfioIrqInfo intx = device.GetIrqInfo(VfioPciIrq.Intx);
            VfioIrqInfo msi = device.GetIrqInfo(VfioPciIrq.Msi);
            VfioIrqInfo msix = device.GetIrqInfo(VfioPciIrq.Msix);
            output.WriteLine($"{intx} {msi} {msix}");
            Assert.Equal(1, intx.Count);
            Assert.True((intx.Flags & (VfioIrqFlags.EventFd | VfioIrqFlags.Maskable | VfioIrqFlags.AutoMasked)) == (VfioIrqFlags.EventFd | VfioIrqFlags.Maskable | VfioIrqFlags.AutoMasked));
            Assert.Equal(1, msi.Count);
            Assert.Equal(5, msix.Count);
            Assert.True((msix.Flags & VfioIrqFlags.EventFd) != 0);

            var config = new PciConfigSpace(device);
            Assert.Equal(0x8086, config.VendorId);
            Assert.Equal(0x10d3, config.DeviceId);
            PciCommand command = config.EnableMemoryAndBusMastering();
            output.WriteLine($"command register 0x{(ushort)command:x4}");
            Assert.Equal(PciCommand.MemorySpace | PciCommand.BusMaster, command & (PciCommand.MemorySpace | PciCommand.BusMaster));

            using (MmioRegion mapped = device.MapRegion(VfioPciRegion.Bar0))
            {
                MmioRegisters registers = mapped.Registers;
                Assert.Equal((nuint)(128 * 1024), registers.Length);
                registers.Write32(E1000e.Rdbal, 0x12345000);
                Assert.Equal(0x12345000u, registers.Read32(E1000e.Rdbal));
                device.Reset();
                Assert.Equal(0x10d3, config.DeviceId);
                Assert.NotEqual(uint.MaxValue, registers.Read32(E1000e.Status));
            }
        }

        group.UnsetContainer();
    }

    [GuestFact]
    public void Irq_eventfds_fire_on_trigger_and_can_be_masked_unmasked_and_disabled()
    {
        using VfioContainer container = VfioContainer.Open();
        using VfioPciDevice nic = VfioPciDevice.Open(GuestNics.A, container);
        VfioDevice device = nic.Device;
        using EventFd vector0 = EventFd.Create();
        using EventFd vector1 = EventFd.Create();
        using var waiter = new EpollWaiter();
        waiter.Add(vector0, 100);
        waiter.Add(vector1, 101);
        Span<ulong> ready = stackalloc ulong[2];

        device.SetIrqEventFds(VfioPciIrq.Msix, 0, [vector0, vector1]);
        device.TriggerIrqs(VfioPciIrq.Msix, 0, 1);
        Assert.Equal(1, waiter.Wait(ready, 2000));
        Assert.Equal(100UL, ready[0]);
        Assert.True(vector0.TryRead(out ulong count));
        Assert.Equal(1UL, count);

        device.TriggerIrqs(VfioPciIrq.Msix, 0, [false, true]);
        Assert.Equal(1, waiter.Wait(ready, 2000));
        Assert.Equal(101UL, ready[0]);
        Assert.True(vector1.TryRead(out _));
        Assert.False(vector0.TryRead(out _));
        device.DisableIrqs(VfioPciIrq.Msix);

        device.SetIrqEventFds(VfioPciIrq.Intx, 0, [vector0]);
        device.MaskIrqs(VfioPciIrq.Intx, 0, 1);
        device.UnmaskIrqs(VfioPciIrq.Intx, 0, 1);
        device.SetIrqMask(VfioPciIrq.Intx, 0, [true], mask: true);
        device.SetIrqMask(VfioPciIrq.Intx, 0, [true], mask: false);
        device.TriggerIrqs(VfioPciIrq.Intx, 0, 1);
        Assert.Equal(1, waiter.Wait(ready, 2000));
        Assert.True(vector0.TryRead(out _));
        device.DisableIrqs(VfioPciIrq.Intx);
    }

    [GuestFact]
    public void Opening_a_device_on_a_kernel_driver_or_a_bad_group_explains_the_fix()
    {
        using VfioContainer container = VfioContainer.Open();
        var unknown = Assert.Throws<VfioException>(() => VfioPciDevice.Open(PciAddress.Parse("0000:7f:1f.7"), container));
        Assert.Contains("fastpath-devbind status", unknown.Message);
        var missingGroup = Assert.Throws<VfioException>(() => VfioGroup.Open(9999));
        Assert.Contains("fastpath-devbind bind", missingGroup.Message);
    }
}
