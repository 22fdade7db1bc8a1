using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastPath.Mempool.Pools;

/// <summary>
/// One lcore's private stock of a pool's buffers. Gets take from its top and refill it from the shared ring in
/// one bulk move when short; puts add to its top and spill the bulk back to the ring past the flush threshold
/// (1.5 × size, as DPDK does). Used by one thread only.
/// </summary>
internal sealed unsafe class MempoolCache : IDisposable
{
    private const int SmallBulk = 8;
    private readonly int _size;
    private readonly int _flushThreshold;
    private nint* _objects;

    public MempoolCache(int size)
    {
        _size = size;
        _flushThreshold = size + size / 2;
        Capacity = size * 3;
        _objects = (nint*)NativeMemory.AlignedAlloc((nuint)Capacity * (nuint)sizeof(nint), 64);
    }

    /// <summary>Buffers held (read by other threads only for accounting).</summary>
    public int Count;

    public int Capacity { get; }

    /// <summary>Takes <c>items.Length</c> buffers, refilling from <paramref name="ring"/> when short; all or nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(Span<nint> items, Rings.Ring ring)
    {
        int n = items.Length;
        int count = Count;
        if (n > count && !Refill(n, ring))
        {
            return false;
        }

        count = Count - n;
        Copy(_objects + count, ref MemoryMarshal.GetReference(items), n);
        Count = count;
        return true;
    }

    private bool Refill(int n, Rings.Ring ring)
    {
        if (n > _size * 2)
        {
            return false;
        }

        int count = Count;
        int want = _size + n - count;
        if (ring.DequeueBulk(new Span<nint>(_objects + count, want)) == 0 &&
            ring.DequeueBulk(new Span<nint>(_objects + count, want = n - count)) == 0)
        {
            return false;
        }

        Count = count + want;
        return true;
    }

    /// <summary>Adds buffers, spilling to <paramref name="ring"/> past the flush threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPut(ReadOnlySpan<nint> items, Rings.Ring ring)
    {
        int n = items.Length;
        if (n > _flushThreshold)
        {
            return false;
        }

        int count = Count;
        if (count + n > _flushThreshold)
        {
            int spill = count + n - _size;
            int keep = count - Math.Min(spill, count);
            ring.EnqueueBulk(new ReadOnlySpan<nint>(_objects + keep, count - keep));
            count = keep;
        }

        Copy(ref MemoryMarshal.GetReference(items), _objects + count, n);
        Count = count + n;
        return true;
    }

    // Bulks of up to 8 are moved one pointer at a time: a call into memmove costs more than the copy itself there,
    // and bulk 1 (one packet at a time) is where the per-call cost shows most.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(nint* from, ref nint to, int n)
    {
        if (n <= SmallBulk)
        {
            for (int i = 0; i < n; i++)
            {
                Unsafe.Add(ref to, i) = from[i];
            }
        }
        else
        {
            new ReadOnlySpan<nint>(from, n).CopyTo(MemoryMarshal.CreateSpan(ref to, n));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(ref nint from, nint* to, int n)
    {
        if (n <= SmallBulk)
        {
            for (int i = 0; i < n; i++)
            {
                to[i] = Unsafe.Add(ref from, i);
            }
        }
        else
        {
            MemoryMarshal.CreateReadOnlySpan(ref from, n).CopyTo(new Span<nint>(to, n));
        }
    }

    /// <summary>Moves every cached buffer back to <paramref name="ring"/>.</summary>
    public void Flush(Rings.Ring ring)
    {
        ring.EnqueueBulk(new ReadOnlySpan<nint>(_objects, Count));
        Count = 0;
    }

    public void Dispose()
    {
        if (_objects != null)
        {
            NativeMemory.AlignedFree(_objects);
            _objects = null;
        }
    }
}
