using FastPath.Mempool.Memory;

namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>
/// The simulated device's IOMMU: an <see cref="IDmaMapper"/> that hands out its own IOVAs (one contiguous range per
/// mapping, like VFIO Type1, and deliberately different from virtual addresses so that a driver confusing the two is
/// caught) and translates device accesses back. An access outside every live mapping — for instance into a mempool
/// disposed while a queue was still enabled — is refused and recorded by the model.
/// </summary>
public sealed unsafe class SimulatedIommu : IDmaMapper
{
    private const ulong IovaBase = 0x0000_7F00_0000_0000;
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
