namespace FastPath.Vfio.Devices;

/// <summary>What <c>VFIO_DEVICE_GET_REGION_INFO</c> reports for one region, with its capabilities.</summary>
/// <param name="Index">The region index.</param>
/// <param name="Flags">Whether the region can be read, written and mmapped.</param>
/// <param name="Size">The region's size in bytes; 0 when not implemented.</param>
/// <param name="Offset">Where the region starts in the device fd, for pread, pwrite and mmap.</param>
/// <param name="SparseMmapAreas">
/// The mappable windows from the sparse-mmap capability; empty when the capability is absent (then the whole
/// region is mappable if <see cref="VfioRegionFlags.Mmap"/> is set).
/// </param>
/// <param name="IsMsixMappable">The MSI-X-mappable capability: the MSI-X table inside this BAR may be mmapped too.</param>
public sealed record VfioRegionInfo(int Index, VfioRegionFlags Flags, ulong Size, ulong Offset, IReadOnlyList<VfioSparseMmapArea> SparseMmapAreas, bool IsMsixMappable)
{
    /// <summary>Whether the region can be mmapped as a whole.</summary>
    public bool CanMmap => (Flags & VfioRegionFlags.Mmap) != 0 && Size != 0;
}
