using FastPath.Mempool.Memory;
using FastPath.Vfio.Containers;

namespace FastPath.Vfio.Dma;

/// <summary>
/// Maps DMA regions into a Type1 VFIO container: each region once, at one contiguous IOVA range allocated inside
/// the ranges the kernel reports. Disposing unmaps whatever is still mapped; stop the devices first.
/// When the last group leaves the container (its devices were disposed), the kernel drops every mapping itself;
/// unmapping then only returns the IOVA space, so regions may be disposed after the devices that used them.
/// </summary>
public sealed class VfioDmaMapper : IDmaMapper, IDisposable
{
    private readonly VfioContainer _container;
    private readonly IovaAllocator _allocator;
    private readonly ulong _iommuPageSize;
    private readonly int _generation;
    private readonly Dictionary<ulong, (nint Address, ulong Size)> _mappings = [];
    private readonly Lock _lock = new();

    /// <summary>
    /// Creates a mapper over <paramref name="container"/>, setting its IOMMU backend if no one has yet (a group must
    /// have joined it).
    /// </summary>
    public VfioDmaMapper(VfioContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        container.EnsureIommu();
        _generation = container.IommuGeneration;
        Info = container.GetIommuInfo();
        _iommuPageSize = Info.MinimumPageSize;
        _allocator = new IovaAllocator(Info.IovaRanges);
    }

    /// <summary>What the container reported when the mapper was made: page sizes and IOVA ranges.</summary>
    public VfioIommuInfo Info { get; }

    /// <inheritdoc />
    public string Name => "vfio-type1";

    /// <summary>How many regions are mapped.</summary>
    public int MappingCount
    {
        get
        {
            lock (_lock)
            {
                return _mappings.Count;
            }
        }
    }

    /// <summary>Whether the kernel still holds this mapper's mappings (the container has kept a group since the mapper was made).</summary>
    private bool MappingsAlive => _container.IommuGeneration == _generation && _container.IommuType is not null;

    /// <inheritdoc />
    public void Map(nint virtualAddress, nuint length, nuint pageSize, Span<ulong> pageIovas)
    {
        ArgumentOutOfRangeException.ThrowIfZero(length);
        ulong size = (ulong)length;
        if ((ulong)virtualAddress % _iommuPageSize != 0 || size % _iommuPageSize != 0)
        {
            throw new ArgumentException($"0x{virtualAddress:x}+{size} is not aligned to the IOMMU page size {_iommuPageSize}: allocate DMA memory with DmaRegion.");
        }

        if (pageIovas.Length != (int)(size / (ulong)pageSize))
        {
            throw new ArgumentException($"{pageIovas.Length} page IOVA slots for {size} bytes of {pageSize}-byte pages.", nameof(pageIovas));
        }

        ulong alignment = Math.Max((ulong)pageSize, _iommuPageSize);
        lock (_lock)
        {
            if (!MappingsAlive)
            {
                throw new InvalidOperationException("The container lost its IOMMU backend when its last group left (all its devices were disposed): open the devices again and create a new VfioDmaMapper.");
            }

            ulong iova = _allocator.Allocate(size, alignment);
            try
            {
                _container.MapDma(virtualAddress, iova, size);
            }
            catch
            {
                _allocator.Free(iova, size);
                throw;
            }

            _mappings.Add(iova, (virtualAddress, size));
            for (int i = 0; i < pageIovas.Length; i++)
            {
                pageIovas[i] = iova + ((ulong)i * pageSize);
            }
        }
    }

    /// <inheritdoc />
    public void Unmap(nint virtualAddress, nuint length, ReadOnlySpan<ulong> pageIovas)
    {
        if (pageIovas.IsEmpty)
        {
            throw new ArgumentException("The page IOVAs given by Map are needed to find the mapping.", nameof(pageIovas));
        }

        lock (_lock)
        {
            ulong iova = pageIovas[0];
            if (!_mappings.TryGetValue(iova, out (nint Address, ulong Size) mapping) || mapping.Address != virtualAddress || mapping.Size != (ulong)length)
            {
                throw new InvalidOperationException($"0x{virtualAddress:x}+{length} at IOVA 0x{iova:x} was not mapped by this mapper.");
            }

            if (MappingsAlive)
            {
                _container.UnmapDma(iova, mapping.Size);
            }

            _mappings.Remove(iova);
            _allocator.Free(iova, mapping.Size);
        }
    }

    /// <summary>Unmaps every region still mapped. The memory itself stays allocated.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            bool alive = MappingsAlive;
            foreach ((ulong iova, (nint _, ulong size)) in _mappings)
            {
                if (alive)
                {
                    _container.UnmapDma(iova, size);
                }

                _allocator.Free(iova, size);
            }

            _mappings.Clear();
        }
    }
}
