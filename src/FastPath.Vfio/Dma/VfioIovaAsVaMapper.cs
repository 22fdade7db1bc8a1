using FastPath.Mempool.Memory;
using FastPath.Vfio.Containers;

namespace FastPath.Vfio.Dma;

/// <summary>
/// Maps memory into one VFIO container at IOVA = virtual address ("IOVA as VA", as DPDK does when the IOMMU
/// covers the process's address space). Regions this mapper allocates are mapped on <see cref="Map"/>; regions an
/// <see cref="IdentityDmaMapper"/> already made (their IOVAs are their virtual addresses, as in the applications'
/// pools) are added with <see cref="Mirror"/>, which makes such a pool reachable by the container's devices without
/// changing a buffer. Needs an IOMMU whose IOVA ranges cover user addresses (48-bit; QEMU's intel-iommu with
/// <c>aw-bits=48</c>). Disposing unmaps everything still mapped; stop the devices first.
/// </summary>
public sealed class VfioIovaAsVaMapper : IDmaMapper, IDisposable
{
    private readonly VfioContainer _container;
    private readonly IReadOnlyList<IovaRange> _ranges;
    private readonly ulong _pageSize;
    private readonly Dictionary<nint, ulong> _mappings = [];
    private readonly Lock _lock = new();

    /// <summary>Creates a mapper over <paramref name="container"/>, which must have a group and its IOMMU set.</summary>
    public VfioIovaAsVaMapper(VfioContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        container.EnsureIommu();
        VfioIommuInfo info = container.GetIommuInfo();
        _ranges = info.IovaRanges;
        _pageSize = info.MinimumPageSize;
    }

    /// <inheritdoc />
    public string Name => "vfio-iova-as-va";

    /// <inheritdoc />
    public void Map(nint virtualAddress, nuint length, nuint pageSize, Span<ulong> pageIovas)
    {
        MapAtVirtualAddress(virtualAddress, length);
        for (int i = 0; i < pageIovas.Length; i++)
        {
            pageIovas[i] = (ulong)virtualAddress + (ulong)i * pageSize;
        }
    }

    /// <inheritdoc />
    public void Unmap(nint virtualAddress, nuint length, ReadOnlySpan<ulong> pageIovas)
    {
        lock (_lock)
        {
            if (!_mappings.Remove(virtualAddress, out ulong size))
            {
                throw new InvalidOperationException($"0x{virtualAddress:x}+{length} was not mapped by this mapper.");
            }

            if (_container.IommuType is not null)
            {
                _container.UnmapDma((ulong)virtualAddress, size);
            }
        }
    }

    /// <summary>
    /// Makes a region whose IOVAs are its virtual addresses (allocated with <see cref="IdentityDmaMapper"/>) reachable
    /// by the container's devices. Mirroring a region twice maps it once.
    /// </summary>
    /// <exception cref="ArgumentException">The region's IOVAs are not its virtual addresses.</exception>
    public void Mirror(DmaRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (region.Mapper is not IdentityDmaMapper)
        {
            throw new ArgumentException($"Only regions whose IOVA is their virtual address can be mirrored; this one was mapped by '{region.Mapper.Name}'.", nameof(region));
        }

        lock (_lock)
        {
            if (_mappings.ContainsKey(region.Address))
            {
                return;
            }
        }

        MapAtVirtualAddress(region.Address, region.Length);
    }

    /// <summary>Unmaps every region still mapped (the memory stays allocated).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_container.IommuType is not null)
            {
                foreach ((nint address, ulong size) in _mappings)
                {
                    _container.UnmapDma((ulong)address, size);
                }
            }

            _mappings.Clear();
        }
    }

    /// <summary>
    /// The size to map for <paramref name="length"/> bytes at <paramref name="virtualAddress"/> used as IOVA: the length
    /// rounded up to the IOMMU page size, after checking that the address is page-aligned and that the whole span lies
    /// in one of the IOMMU's IOVA ranges.
    /// </summary>
    /// <exception cref="ArgumentException">The address is not aligned to <paramref name="pageSize"/>.</exception>
    /// <exception cref="VfioException">The span lies outside <paramref name="ranges"/>: the IOMMU does not cover user addresses.</exception>
    internal static ulong MappingSize(nint virtualAddress, nuint length, ulong pageSize, IReadOnlyList<IovaRange> ranges)
    {
        ulong start = (ulong)virtualAddress;
        ulong size = ((ulong)length + pageSize - 1) & ~(pageSize - 1);
        if (start % pageSize != 0)
        {
            throw new ArgumentException($"0x{virtualAddress:x} is not aligned to the IOMMU page size ({pageSize} bytes).", nameof(virtualAddress));
        }

        if (!ranges.Any(r => r.Start <= start && start + size - 1 <= r.End))
        {
            throw new VfioException($"IOVA as VA: 0x{start:x}+0x{size:x} lies outside the IOMMU's IOVA ranges ({string.Join(", ", ranges)}); the IOMMU does not cover user addresses. Use a 48-bit IOMMU (in QEMU: -global intel-iommu.aw-bits=48).");
        }

        return size;
    }

    private void MapAtVirtualAddress(nint virtualAddress, nuint length)
    {
        ulong start = (ulong)virtualAddress;
        ulong size = MappingSize(virtualAddress, length, _pageSize, _ranges);
        lock (_lock)
        {
            _container.MapDma(virtualAddress, start, size);
            _mappings.Add(virtualAddress, size);
        }
    }
}
