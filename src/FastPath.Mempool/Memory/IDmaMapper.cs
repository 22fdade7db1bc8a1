namespace FastPath.Mempool.Memory;

/// <summary>
/// Makes host memory reachable by devices and tells the IO virtual address (IOVA) a device must use for it.
/// The VFIO Type1 container maps a region once with one contiguous IOVA range; the identity mapper serves
/// virtual ports and tests; the pagemap mapper reports physical addresses.
/// </summary>
public interface IDmaMapper
{
    /// <summary>A short name for logs, e.g. "vfio-type1" or "identity".</summary>
    string Name { get; }

    /// <summary>
    /// Maps <paramref name="length"/> bytes at <paramref name="virtualAddress"/> for DMA and writes the IOVA
    /// of each <paramref name="pageSize"/>-sized page into <paramref name="pageIovas"/>.
    /// </summary>
    void Map(nint virtualAddress, nuint length, nuint pageSize, Span<ulong> pageIovas);

    /// <summary>Removes a mapping made by <see cref="Map"/>. Devices must have stopped using the memory.</summary>
    void Unmap(nint virtualAddress, nuint length, ReadOnlySpan<ulong> pageIovas);
}
