using FastPath.Mempool.Memory;

namespace FastPath.Mempool.Tests.Memory;

[Collection(HugepageCollection.Name)]
public sealed unsafe class DmaRegionTests
{
    [RootFact]
    public void Hugepage_path_maps_2MiB_pages_when_reserved()
    {
        using var reservation = HugepageReservation.WithFree(4);
        var logger = new RecordingLogger();
        using DmaRegion region = DmaRegion.Allocate(3 * 1024 * 1024, IdentityDmaMapper.Instance, HugepagePolicy.Require, logger);

        Assert.True(region.IsHugepageBacked);
        Assert.Equal((nuint)(2 * 1024 * 1024), region.PageSize);
        Assert.Equal((nuint)(4 * 1024 * 1024), region.Length);
        Assert.Empty(logger.Warnings);
        Assert.Equal(0, region.Address % (2 * 1024 * 1024));
        region.Span.Fill(0xA5);
        Assert.Equal(0xA5, region.Span[^1]);
        Assert.True(HugepageReservation.Status.Free <= HugepageReservation.Status.Total - 2);
    }

    [RootFact]
    public void Without_hugepages_Prefer_falls_back_to_locked_small_pages_and_says_so()
    {
        using var reservation = HugepageReservation.Set(0);
        var logger = new RecordingLogger();
        using DmaRegion region = DmaRegion.Allocate(10_000, IdentityDmaMapper.Instance, HugepagePolicy.Prefer, logger);

        Assert.False(region.IsHugepageBacked);
        Assert.Equal((nuint)Environment.SystemPageSize, region.PageSize);
        Assert.Equal((nuint)12288, region.Length);
        string warning = Assert.Single(logger.Warnings);
        Assert.Contains("No 2 MiB hugepages", warning);
        Assert.Contains("/proc/sys/vm/nr_hugepages", warning);
        Assert.Contains("Falling back to locked 4 KiB pages", warning);
        Assert.Contains("VmLck", File.ReadAllText("/proc/self/status"));
    }

    [RootFact]
    public void Without_hugepages_Require_fails_naming_the_fix()
    {
        using var reservation = HugepageReservation.Set(0);
        var error = Assert.Throws<InsufficientMemoryException>(() => DmaRegion.Allocate(1 << 20, IdentityDmaMapper.Instance, HugepagePolicy.Require));
        Assert.Contains("HugePages_Total=0", error.Message);
        Assert.Contains("echo 1 > /proc/sys/vm/nr_hugepages", error.Message);
    }

    [Fact]
    public void Never_uses_small_pages_and_zeroes_them()
    {
        using DmaRegion region = DmaRegion.Allocate(5000, IdentityDmaMapper.Instance, HugepagePolicy.Never);
        Assert.False(region.IsHugepageBacked);
        Assert.True(region.Span.IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void Identity_mapping_gives_the_virtual_address_as_iova()
    {
        using DmaRegion region = DmaRegion.Allocate(3 * 4096, IdentityDmaMapper.Instance, HugepagePolicy.Never);
        Assert.True(region.IsIovaContiguous);
        Assert.Equal((ulong)region.Address, region.GetIova(0));
        Assert.Equal((ulong)region.Address + 8191, region.GetIova((nuint)8191));
        Assert.Equal((ulong)region.Address + 100, region.GetIova((void*)(region.Address + 100)));
        Assert.True(region.Contains((void*)(region.Address + 12287)));
        Assert.False(region.Contains((void*)(region.Address + 12288)));
        Assert.Throws<ArgumentOutOfRangeException>(() => region.GetIova((void*)(region.Address - 1)));
    }

    [Fact]
    public void Iova_arithmetic_follows_each_page_of_a_scattered_mapping()
    {
        var mapper = new ScatteringMapper();
        using DmaRegion region = DmaRegion.Allocate(3 * 4096, mapper, HugepagePolicy.Never);
        Assert.False(region.IsIovaContiguous);
        Assert.Equal(0x3000_0000UL + 5, region.GetIova((nuint)5));
        Assert.Equal(0x2000_0000UL + 7, region.GetIova((nuint)4096 + 7));
        Assert.Equal(0x1000_0000UL + 4095, region.GetIova((nuint)3 * 4096 - 1));
    }

    [Fact]
    public void Dispose_unmaps_through_the_mapper_once()
    {
        var mapper = new ScatteringMapper();
        DmaRegion region = DmaRegion.Allocate(4096, mapper, HugepagePolicy.Never);
        region.Dispose();
        region.Dispose();
        Assert.Equal(1, mapper.Unmaps);
        Assert.Equal(0, region.Address);
    }

    [RootFact]
    public void Pagemap_mapper_reports_physical_addresses_contiguous_inside_a_hugepage()
    {
        using var reservation = HugepageReservation.WithFree(2);
        using DmaRegion region = DmaRegion.Allocate(2 * 1024 * 1024, new PagemapDmaMapper(), HugepagePolicy.Require);
        ulong first = region.GetIova(0);
        Assert.NotEqual(0UL, first);
        Assert.Equal(0UL, first % (2 * 1024 * 1024));
        Assert.Equal(first + 1_000_000, region.GetIova((nuint)1_000_000));
    }

    [Fact]
    public void Meminfo_is_parsed()
    {
        var status = HugepageStatus.Parse("MemTotal: 1 kB\nHugePages_Total:      16\nHugePages_Free:       9\nHugepagesize:       2048 kB\n");
        Assert.Equal(new HugepageStatus(16, 9, 2 * 1024 * 1024), status);
    }

    /// <summary>Gives pages descending, non-adjacent IOVAs to prove per-page arithmetic.</summary>
    private sealed class ScatteringMapper : IDmaMapper
    {
        public int Unmaps { get; private set; }

        public string Name => "scattering";

        public void Map(nint virtualAddress, nuint length, nuint pageSize, Span<ulong> pageIovas)
        {
            for (int i = 0; i < pageIovas.Length; i++)
            {
                pageIovas[i] = 0x1000_0000UL * (ulong)(pageIovas.Length - i);
            }
        }

        public void Unmap(nint virtualAddress, nuint length, ReadOnlySpan<ulong> pageIovas) => Unmaps++;
    }
}
