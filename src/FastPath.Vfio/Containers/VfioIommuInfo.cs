namespace FastPath.Vfio.Containers;

/// <summary>What <c>VFIO_IOMMU_GET_INFO</c> reports about a Type1 container.</summary>
/// <param name="PageSizes">A bitmap of the IOMMU page sizes (bit n set: 2^n bytes), e.g. 0x40201000 for 4K/2M/1G.</param>
/// <param name="IovaRanges">
/// The usable IOVA ranges from the IOVA-range capability; empty when the kernel reports none (then any 64-bit IOVA is accepted).
/// </param>
/// <param name="DmaMappingsAvailable">How many more mappings the container accepts, when the kernel reports it.</param>
public sealed record VfioIommuInfo(ulong PageSizes, IReadOnlyList<IovaRange> IovaRanges, uint? DmaMappingsAvailable)
{
    /// <summary>The smallest IOMMU page size in bytes: the alignment every mapping needs.</summary>
    public ulong MinimumPageSize => PageSizes == 0 ? 4096 : PageSizes & (~PageSizes + 1);
}
