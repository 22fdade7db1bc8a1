using FastPath.Vfio.Containers;
using FastPath.Vfio.Dma;

namespace FastPath.Vfio.Tests.Dma;

/// <summary>
/// The host part of the IOVA-as-VA mapper: the checks made before a mapping reaches the container. Mapping itself
/// needs /dev/vfio and is exercised by the igb guest suite (the apps' pools over <c>pci:</c>).
/// </summary>
public sealed class VfioIovaAsVaMapperTests
{
    private const ulong Page = 4096;

    /// <summary>QEMU's intel-iommu with aw-bits=48: user addresses are covered.</summary>
    private static readonly IovaRange[] FortyEightBit = [new(0, 0xfedfffff), new(0xfef00000, 0xffffffffffff)];

    /// <summary>The default 39-bit intel-iommu: a typical user address (0x7f...) is not.</summary>
    private static readonly IovaRange[] ThirtyNineBit = [new(0, 0xfedfffff), new(0xfef00000, 0x7fffffffff)];

    [Fact]
    public void Rounds_the_length_up_to_whole_iommu_pages()
    {
        Assert.Equal(Page, VfioIovaAsVaMapper.MappingSize(Va(0x7f12_3456_7000), 1, Page, FortyEightBit));
        Assert.Equal(2 * Page, VfioIovaAsVaMapper.MappingSize(Va(0x7f12_3456_7000), (nuint)Page + 1, Page, FortyEightBit));
        Assert.Equal(2UL << 20, VfioIovaAsVaMapper.MappingSize(Va(0x7f12_3440_0000), 2 << 20, Page, FortyEightBit));
    }

    [Fact]
    public void Refuses_an_address_not_aligned_to_the_iommu_page()
    {
        Assert.Throws<ArgumentException>(() => VfioIovaAsVaMapper.MappingSize(Va(0x7f12_3456_7010), 64, Page, FortyEightBit));
    }

    [Fact]
    public void Refuses_user_addresses_an_iommu_of_39_bits_does_not_cover_and_names_the_fix()
    {
        var error = Assert.Throws<VfioException>(() => VfioIovaAsVaMapper.MappingSize(Va(0x7f12_3456_7000), (nuint)Page, Page, ThirtyNineBit));
        Assert.Contains("aw-bits=48", error.Message);
    }

    [Fact]
    public void Refuses_a_span_that_runs_past_the_end_of_a_range()
    {
        Assert.Throws<VfioException>(() => VfioIovaAsVaMapper.MappingSize(Va(0x7fffffe000), 4 * (nuint)Page, Page, ThirtyNineBit));
    }

    [Fact]
    public void Needs_a_container()
    {
        Assert.Throws<ArgumentNullException>(() => new VfioIovaAsVaMapper(null!));
    }

    private static nint Va(ulong address) => (nint)address;
}
