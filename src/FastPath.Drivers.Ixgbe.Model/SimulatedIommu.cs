using FastPath.Mempool.Memory;

namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>
/// The simulated device's IOMMU: an <see cref="IDmaMapper"/> that hands out its own IOVAs (one contiguous range per
/// mapping, like VFIO Type1, and deliberately different from virtual addresses so that a driver confusing the two is
/// caught) and translates device accesses back. Regions whose IOVA is their virtual address (made with
/// <see cref="IdentityDmaMapper"/>, as the applications' pools are) can be mirrored in with <see cref="Mirror"/>, as
/// an IOVA-as-VA VFIO container would; the IOVAs this IOMMU hands out lie above every user-space address, so the two
/// never overlap. An access outside every live mapping — for instance into a mempool disposed while a queue was still
/// enabled — is refused and recorded by the model.
/// </summary>
public sealed unsafe class SimulatedIommu : IDmaMapper
{
    // Above the 57-bit user address space (5-level paging), so mirrored virtual addresses never collide with it.
    private const ulong IovaBase = 0x0100_0000_0000_0000;
    private readonly Lock _lock = new();
    private Mapping[] _mappings = [];
    private ulong _nextIova = IovaBase;

    /// <inheritdoc />
    public string Name => "simulated-iommu";

    /// <summary>Number of live mappings.</summary>
    public int MappingCount => Volatile.Read(ref _mappings).Length;

    /// <inheritdoc />
    public void Map(nint virtualAddress, nuint length, nuint pageSize, Span<ulong> pageIovas)
    {
        lock (_lock)
        {
            ulong iova = _nextIova;
            _nextIova += ((ulong)length + 0x20_0000 + 0x1F_FFFF) & ~0x1F_FFFFUL;
            for (int i = 0; i < pageIovas.Length; i++)
            {
                pageIovas[i] = iova + (ulong)i * pageSize;
            }

            Volatile.Write(ref _mappings, [.. _mappings, new Mapping(iova, virtualAddress, (ulong)length)]);
        }
    }

    /// <inheritdoc />
    public void Unmap(nint virtualAddress, nuint length, ReadOnlySpan<ulong> pageIovas)
    {
        lock (_lock)
        {
            Volatile.Write(ref _mappings, [.. _mappings.Where(m => m.VirtualAddress != virtualAddress)]);
        }
    }

    /// <summary>
    /// Makes <paramref name="region"/>, whose IOVAs are its virtual addresses, reachable by the device at those
    /// addresses. Mirroring a region twice maps it once.
    /// </summary>
    /// <returns>Whether the region was newly mirrored (false when it was already).</returns>
    /// <exception cref="ArgumentException">The region was not mapped with <see cref="IdentityDmaMapper"/>.</exception>
    public bool Mirror(DmaRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (region.Mapper is not IdentityDmaMapper)
        {
            throw new ArgumentException($"Only regions whose IOVA is their virtual address can be mirrored into the simulated IOMMU; this one was mapped by '{region.Mapper.Name}'. Create the pool with IdentityDmaMapper or with the device's IOMMU.", nameof(region));
        }

        lock (_lock)
        {
            if (_mappings.Any(m => m.VirtualAddress == region.Address))
            {
                return false;
            }

            Volatile.Write(ref _mappings, [.. _mappings, new Mapping((ulong)region.Address, region.Address, (ulong)region.Length)]);
            return true;
        }
    }

    /// <summary>Removes a mirror made by <see cref="Mirror"/>; the device can no longer reach the region.</summary>
    public void Unmirror(DmaRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        Unmap(region.Address, region.Length, []);
    }

    /// <summary>The host address of <paramref name="length"/> bytes at <paramref name="iova"/>, or null when not all mapped.</summary>
    public byte* Translate(ulong iova, int length)
    {
        foreach (Mapping mapping in Volatile.Read(ref _mappings))
        {
            if (iova >= mapping.Iova && iova + (ulong)length <= mapping.Iova + mapping.Length)
            {
                return (byte*)mapping.VirtualAddress + (iova - mapping.Iova);
            }
        }

        return null;
    }

    private readonly record struct Mapping(ulong Iova, nint VirtualAddress, ulong Length);
}
