using FastPath.Vfio.Containers;
using FastPath.Vfio.Dma;

namespace FastPath.Vfio.Tests.Dma;

public sealed class IovaAllocatorTests
{
    private const ulong TwoMiB = 2 << 20;

    private static readonly IovaRange[] QemuQ35Ranges = [new(0, 0xfedfffff), new(0xfef00000, 0x7fffffffff)];

    [Fact]
    public void Never_hands_out_the_low_megabyte()
    {
        var allocator = new IovaAllocator(QemuQ35Ranges);
        Assert.Equal(IovaAllocator.ReservedLow, allocator.Allocate(4096, 4096));
    }

    [Fact]
    public void Aligns_and_packs_allocations()
    {
        var allocator = new IovaAllocator(QemuQ35Ranges);
        ulong a = allocator.Allocate(4096, 4096);
        ulong b = allocator.Allocate(TwoMiB, TwoMiB);
        ulong c = allocator.Allocate(4096, 4096);
        Assert.Equal(0x100000UL, a);
        Assert.Equal(0x200000UL, b);
        Assert.Equal(0x101000UL, c);
    }

    [Fact]
    public void Skips_the_hole_between_ranges()
    {
        var allocator = new IovaAllocator([new IovaRange(0, 0x3fffff), new IovaRange(0x10000000, 0x1fffffff)]);
        Assert.Equal(0x200000UL, allocator.Allocate(TwoMiB, TwoMiB));
        Assert.Equal(0x10000000UL, allocator.Allocate(TwoMiB, TwoMiB));
        Assert.Equal(0x100000UL, allocator.Allocate(TwoMiB / 2, 4096));
    }

    [Fact]
    public void A_range_that_cannot_fit_is_an_error_listing_the_free_ranges()
    {
        var allocator = new IovaAllocator([new IovaRange(0, 0x3fffff)]);
        var e = Assert.Throws<InsufficientMemoryException>(() => allocator.Allocate(4 * TwoMiB, TwoMiB));
        Assert.Contains("0x100000-0x3fffff", e.Message);
    }

    [Fact]
    public void Freed_ranges_merge_with_their_neighbours_and_are_reused()
    {
        var allocator = new IovaAllocator([new IovaRange(0, 0xffffff)]);
        ulong a = allocator.Allocate(TwoMiB, TwoMiB);
        ulong b = allocator.Allocate(TwoMiB, TwoMiB);
        ulong c = allocator.Allocate(TwoMiB, TwoMiB);
        allocator.Free(b, TwoMiB);
        allocator.Free(a, TwoMiB);
        allocator.Free(c, TwoMiB);
        Assert.Equal([new IovaRange(IovaAllocator.ReservedLow, 0xffffff)], allocator.FreeRanges);
        Assert.Equal(a, allocator.Allocate(TwoMiB, TwoMiB));
    }

    [Fact]
    public void Double_free_is_detected()
    {
        var allocator = new IovaAllocator(QemuQ35Ranges);
        ulong a = allocator.Allocate(4096, 4096);
        allocator.Free(a, 4096);
        Assert.Throws<InvalidOperationException>(() => allocator.Free(a, 4096));
    }

    [Fact]
    public void No_reported_ranges_means_the_whole_space()
    {
        var allocator = new IovaAllocator([]);
        Assert.Equal(IovaAllocator.ReservedLow, allocator.Allocate(TwoMiB / 2, 4096));
    }

    [Fact]
    public void A_range_reaching_the_top_of_the_address_space_does_not_overflow()
    {
        var allocator = new IovaAllocator([new IovaRange(ulong.MaxValue - 0x3fffff, ulong.MaxValue)]);
        Assert.Equal(ulong.MaxValue - 0x3fffff, allocator.Allocate(0x400000, 4096));
        Assert.Throws<InsufficientMemoryException>(() => allocator.Allocate(4096, 4096));
    }

    [Fact]
    public void Overlapping_ranges_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new IovaAllocator([new IovaRange(0x100000, 0x2fffff), new IovaRange(0x200000, 0x3fffff)]));
    }
}
