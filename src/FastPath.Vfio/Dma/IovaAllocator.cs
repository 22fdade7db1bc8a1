using FastPath.Vfio.Containers;

namespace FastPath.Vfio.Dma;

/// <summary>
/// Hands out aligned IOVA ranges inside the ranges a container accepts (first fit) and takes them back, merging
/// neighbours. The first <see cref="ReservedLow"/> bytes are never handed out, so a zeroed descriptor address
/// never reaches mapped memory. Not thread-safe; <see cref="VfioDmaMapper"/> serializes calls.
/// </summary>
public sealed class IovaAllocator
{
    /// <summary>IOVAs below this are never allocated: 1 MiB.</summary>
    public const ulong ReservedLow = 1 << 20;

    private readonly List<IovaRange> _free = [];

    /// <summary>Creates an allocator over <paramref name="usable"/> (inclusive ranges, e.g. from <see cref="VfioIommuInfo.IovaRanges"/>).</summary>
    /// <param name="usable">The usable ranges; an empty list means the whole 64-bit space except the top page.</param>
    public IovaAllocator(IReadOnlyList<IovaRange> usable)
    {
        ArgumentNullException.ThrowIfNull(usable);
        IEnumerable<IovaRange> ranges = usable.Count > 0 ? usable : [new IovaRange(0, ulong.MaxValue - 4095)];
        foreach (IovaRange range in ranges.OrderBy(r => r.Start))
        {
            if (range.End < range.Start)
            {
                throw new ArgumentException($"IOVA range {range} ends before it starts.", nameof(usable));
            }

            if (range.End < ReservedLow)
            {
                continue;
            }

            var clipped = new IovaRange(Math.Max(range.Start, ReservedLow), range.End);
            if (_free.Count > 0 && clipped.Start <= _free[^1].End)
            {
                throw new ArgumentException($"IOVA ranges {_free[^1]} and {range} overlap.", nameof(usable));
            }

            _free.Add(clipped);
        }
    }

    /// <summary>The free ranges, in address order (for diagnostics and tests).</summary>
    public IReadOnlyList<IovaRange> FreeRanges => _free;

    /// <summary>Allocates <paramref name="size"/> bytes aligned to <paramref name="alignment"/> (a power of two).</summary>
    /// <exception cref="InsufficientMemoryException">No free range can hold it; the message lists the free ranges.</exception>
    public ulong Allocate(ulong size, ulong alignment)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size);
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alignment), $"Alignment {alignment} is not a power of two.");
        }

        for (int i = 0; i < _free.Count; i++)
        {
            IovaRange range = _free[i];
            ulong start = (range.Start + alignment - 1) & ~(alignment - 1);
            if (start < range.Start || start > range.End || range.End - start < size - 1)
            {
                continue;
            }

            ulong last = start + size - 1;
            _free.RemoveAt(i);
            if (last < range.End)
            {
                _free.Insert(i, new IovaRange(last + 1, range.End));
            }

            if (start > range.Start)
            {
                _free.Insert(i, new IovaRange(range.Start, start - 1));
            }

            return start;
        }

        throw new InsufficientMemoryException(
            $"No IOVA space for {size} bytes aligned to 0x{alignment:x}: free ranges are [{string.Join(", ", _free)}]. Map fewer or smaller regions, or unmap unused ones.");
    }

    /// <summary>Returns <paramref name="size"/> bytes at <paramref name="iova"/> allocated before.</summary>
    /// <exception cref="InvalidOperationException">Part of the range is already free (a double free).</exception>
    public void Free(ulong iova, ulong size)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size);
        ulong last = iova + size - 1;
        int index = 0;
        while (index < _free.Count && _free[index].Start < iova)
        {
            index++;
        }

        if ((index > 0 && _free[index - 1].End >= iova) || (index < _free.Count && _free[index].Start <= last))
        {
            throw new InvalidOperationException($"IOVA range 0x{iova:x}-0x{last:x} is already (partly) free: freed twice, or never allocated.");
        }

        var freed = new IovaRange(iova, last);
        if (index < _free.Count && _free[index].Start == last + 1)
        {
            freed = freed with { End = _free[index].End };
            _free.RemoveAt(index);
        }

        if (index > 0 && _free[index - 1].End + 1 == iova)
        {
            freed = freed with { Start = _free[index - 1].Start };
            _free.RemoveAt(--index);
        }

        _free.Insert(index, freed);
    }
}
