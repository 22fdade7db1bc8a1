using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Rings;
using Microsoft.Extensions.Logging;

namespace FastPath.Mempool.Pools;

/// <summary>
/// A fixed number of packet buffers carved from one DMA region: a multi-producer/multi-consumer ring holds the
/// free ones and every lcore has a private cache in front of it. Allocation never blocks and never throws on
/// exhaustion: it returns a short count. Buffers never straddle a page, so each has one IOVA range.
/// </summary>
public sealed unsafe class PacketPool : IDisposable
{
    private static readonly PacketPool?[] s_pools = new PacketPool?[ushort.MaxValue + 1];
    private static readonly Lock s_registryLock = new();

    private readonly Ring _ring;
    private readonly MempoolCache?[] _caches = new MempoolCache?[Lcore.MaxCount];
    private readonly int _cacheSize;
    private readonly bool _debug;
    private readonly ushort _headroom;
    private readonly nuint _elementSize;
    private readonly nuint _elementsPerPage;
    private readonly nuint _pageSize;
    private readonly nint _base;
    private int _disposed;

    private PacketPool(string name, int count, PacketPoolOptions options, IDmaMapper mapper, ILogger? logger)
    {
        Name = name;
        Capacity = count;
        _cacheSize = options.CacheSize;
        _debug = options.DebugChecks;
        _headroom = (ushort)options.Headroom;
        int bufferLength = options.Headroom + options.DataRoom;
        if (bufferLength > ushort.MaxValue || options.Headroom < 0 || options.DataRoom < 64)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Headroom {options.Headroom} + data room {options.DataRoom} must be at most {ushort.MaxValue} bytes, with a data room of at least 64.");
        }

        _elementSize = (nuint)PacketLayout.ElementSize(options.Headroom, options.DataRoom);
        Region = AllocateRegion(count, _elementSize, mapper, options.Hugepages, logger);
        _pageSize = Region.PageSize;
        _elementsPerPage = _elementSize <= _pageSize ? _pageSize / _elementSize : 0;
        if (_elementsPerPage == 0 && !Region.IsIovaContiguous)
        {
            Region.Dispose();
            throw new InvalidOperationException(
                $"Buffers of {_elementSize} bytes span several {_pageSize}-byte pages, and the {mapper.Name} mapper gave the pages scattered IOVAs. Reserve hugepages or use an IOMMU (VFIO) mapper.");
        }

        _base = Region.Address;
        _ring = new Ring((int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, count)));
        Id = Register(this);

        Span<nint> one = stackalloc nint[1];
        for (int i = 0; i < count; i++)
        {
            nuint offset = OffsetOf(i);
            PacketBuffer* buffer = (PacketBuffer*)(_base + (nint)offset);
            *buffer = default;
            buffer->BufferIova = Region.GetIova(offset + PacketLayout.MetadataSize);
            buffer->BufferLength = (ushort)bufferLength;
            buffer->PoolId = Id;
            buffer->PoolIndex = (uint)i;
            buffer->DataOffset = _headroom;
            buffer->SegmentCount = 1;
            one[0] = (nint)buffer;
            _ring.EnqueueBulk(one);
        }
    }

    /// <summary>The pool's name, for logs.</summary>
    public string Name { get; }

    /// <summary>The registry id stored in every buffer of this pool.</summary>
    public ushort Id { get; }

    /// <summary>How many buffers the pool has.</summary>
    public int Capacity { get; }

    /// <summary>The DMA region the buffers live in.</summary>
    public DmaRegion Region { get; }

    /// <summary>How many buffers are free (in the ring or a cache), a snapshot.</summary>
    public int Available
    {
        get
        {
            int available = _ring.Count;
            foreach (MempoolCache? cache in _caches)
            {
                available += cache is null ? 0 : Volatile.Read(ref cache.Count);
            }

            return available;
        }
    }

    /// <summary>How many buffers are held by the application or devices, a snapshot.</summary>
    public int InUse => Capacity - Available;

    /// <summary>Bytes of headroom each buffer starts with.</summary>
    public int Headroom => _headroom;

    /// <summary>Bytes of frame room after the headroom.</summary>
    public int DataRoom => (int)(_elementSize - PacketLayout.MetadataSize) - _headroom;

    /// <summary>Creates a pool of <paramref name="count"/> buffers in DMA memory mapped by <paramref name="mapper"/>.</summary>
    public static PacketPool Create(string name, int count, IDmaMapper mapper, PacketPoolOptions? options = null, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(mapper);
        options ??= new PacketPoolOptions();
        if (options.CacheSize < 0 || options.CacheSize * 3 > count * 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"A per-lcore cache of {options.CacheSize} buffers is too large for a pool of {count}: it may hold at most count / 1.5 = {count * 2 / 3}. Use a smaller CacheSize or a larger pool.");
        }

        return new PacketPool(name, count, options, mapper, logger);
    }

    /// <summary>The pool with registry id <paramref name="id"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PacketPool FromId(ushort id) => s_pools[id] ?? throw new InvalidOperationException($"No mempool has id {id}: the buffer is foreign or its pool was disposed.");

    /// <summary>Takes exactly <c>buffers.Length</c> raw buffers, or none; metadata is left as it was freed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetBulk(Span<Packet> buffers)
    {
        Span<nint> handles = MemoryMarshal.Cast<Packet, nint>(buffers);
        MempoolCache? cache = CurrentCache();
        bool ok = cache is not null && cache.TryGet(handles, _ring) || _ring.DequeueBulk(handles) != 0;
        if (ok && _debug)
        {
            MarkAllocated(handles);
        }

        return ok;
    }

    /// <summary>
    /// Returns raw buffers taken with <see cref="TryGetBulk"/>, or single segments: each must have no next segment
    /// (drivers free the segments of a sent chain one by one, after unlinking them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PutBulk(ReadOnlySpan<Packet> buffers)
    {
        ReadOnlySpan<nint> handles = MemoryMarshal.Cast<Packet, nint>(buffers);
        if (_debug)
        {
            CheckAndMarkFree(handles);
        }

        MempoolCache? cache = CurrentCache();
        if (cache is null || !cache.TryPut(handles, _ring))
        {
            _ring.EnqueueBulk(handles);
        }
    }

    /// <summary>
    /// Allocates up to <c>packets.Length</c> packets, reset to an empty frame after the headroom.
    /// </summary>
    /// <returns>How many were allocated; fewer than asked (possibly 0) when the pool is nearly exhausted.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Alloc(Span<Packet> packets)
    {
        int n = packets.Length;
        if (!TryGetBulk(packets))
        {
            n = AllocShort(packets);
        }

        ushort headroom = _headroom;
        ref Packet first = ref MemoryMarshal.GetReference(packets);
        for (int i = 0; i < n; i++)
        {
            PacketBuffer* buffer = Unsafe.Add(ref first, i).Buffer;
            // DataOffset, DataLength (0) and PacketLength (0) in one 8-byte store; Port, Queue and RssHash in another.
            *(ulong*)&buffer->DataOffset = headroom;
            *(ulong*)&buffer->Port = 0;
            buffer->Flags = PacketFlags.None;
        }

        return n;
    }

    /// <summary>Allocates one packet, or returns false when the pool is exhausted.</summary>
    public bool TryAlloc(out Packet packet)
    {
        Packet one = default;
        int n = Alloc(new Span<Packet>(ref one));
        packet = one;
        return n == 1;
    }

    /// <summary>
    /// Returns packets of this pool. A chain's later segments go back to their own pools. Packets of one segment take
    /// the bulk path; one look at each packet's next link is all they cost over raw <see cref="PutBulk"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Free(ReadOnlySpan<Packet> packets)
    {
        if (HasChain(packets))
        {
            FreeChains(packets);
            return;
        }

        PutBulk(packets);
    }

    /// <summary>Returns one packet of this pool (a chain's later segments to their own pools).</summary>
    public void Free(Packet packet) => Free(new ReadOnlySpan<Packet>(in packet));

    /// <summary>Returns packets that may come from different pools, each to its own, chains segment by segment.</summary>
    public static void FreeToOwners(ReadOnlySpan<Packet> packets)
    {
        if (HasChain(packets))
        {
            FreeChains(packets);
            return;
        }

        int start = 0;
        while (start < packets.Length)
        {
            ushort id = packets[start].Metadata.PoolId;
            int end = start + 1;
            while (end < packets.Length && packets[end].Metadata.PoolId == id)
            {
                end++;
            }

            FromId(id).PutBulk(packets[start..end]);
            start = end;
        }
    }

    /// <summary>
    /// Whether any packet has a next segment. The links are OR-ed together four at a time, without a branch per packet:
    /// a free of single segments, the common case, then costs four loads and one test per four packets.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasChain(ReadOnlySpan<Packet> packets)
    {
        ref Packet first = ref MemoryMarshal.GetReference(packets);
        int count = packets.Length;
        nint links = 0;
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            links |= (nint)Unsafe.Add(ref first, i).Buffer->Next | (nint)Unsafe.Add(ref first, i + 1).Buffer->Next
                | (nint)Unsafe.Add(ref first, i + 2).Buffer->Next | (nint)Unsafe.Add(ref first, i + 3).Buffer->Next;
        }

        for (; i < count; i++)
        {
            links |= (nint)Unsafe.Add(ref first, i).Buffer->Next;
        }

        return links != 0;
    }

    /// <summary>
    /// Frees packets some of which are chains: each chain is first walked without changing it, so that a loop or a
    /// segment count that does not match the links is reported before anything is freed; then every segment is
    /// unlinked and returned to its own pool.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FreeChains(ReadOnlySpan<Packet> packets)
    {
        foreach (Packet packet in packets)
        {
            CheckChain(packet.Buffer);
        }

        foreach (Packet packet in packets)
        {
            PacketBuffer* segment = packet.Buffer;
            while (segment != null)
            {
                PacketBuffer* next = segment->Next;
                segment->Next = null;
                segment->SegmentCount = 1;
                Packet one = new(segment);
                FromId(segment->PoolId).PutBulk(new ReadOnlySpan<Packet>(in one));
                segment = next;
            }
        }
    }

    private static void CheckChain(PacketBuffer* head)
    {
        int count = head->SegmentCount;
        PacketBuffer* segment = head;
        for (int i = 1; i < count && segment != null; i++)
        {
            segment = segment->Next;
        }

        if (segment == null || segment->Next != null)
        {
            throw new InvalidOperationException(segment == null
                ? $"A chain says it has {count} segments but its links end sooner; something unlinked a segment without updating the first one's SegmentCount. Nothing was freed."
                : $"A chain says it has {count} segments but its links go on past that: a segment is in two chains or the chain loops. Nothing was freed.");
        }
    }

    /// <summary>
    /// Called by <see cref="Packet.AppendSegment"/> before it links <paramref name="tail"/>: with debug checks, a
    /// free buffer or one that is already a later segment of a chain is refused, and the tail is marked as chained.
    /// </summary>
    internal static void CheckChainable(PacketBuffer* tail)
    {
        PacketPool pool = FromId(tail->PoolId);
        if (!pool._debug)
        {
            return;
        }

        if (tail->State == PacketBufferState.Free)
        {
            throw new InvalidOperationException($"Buffer {tail->PoolIndex} of mempool '{pool.Name}' is free; only an allocated packet can be appended to a chain.");
        }

        if (tail->State == PacketBufferState.Chained)
        {
            throw new InvalidOperationException($"Buffer {tail->PoolIndex} of mempool '{pool.Name}' is already a segment of a chain; a segment belongs to one chain.");
        }

        tail->State = PacketBufferState.Chained;
    }

    private int AllocShort(Span<Packet> packets)
    {
        Span<nint> handles = MemoryMarshal.Cast<Packet, nint>(packets);
        int got = 0;
        MempoolCache? cache = CurrentCache();
        if (cache is not null)
        {
            int fromCache = Math.Min(cache.Count, handles.Length);
            if (fromCache > 0 && cache.TryGet(handles[..fromCache], _ring))
            {
                got = fromCache;
            }
        }

        got += _ring.DequeueBurst(handles[got..]);
        if (_debug)
        {
            MarkAllocated(handles[..got]);
        }

        return got;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MempoolCache? CurrentCache()
    {
        int lcore = Lcore.CurrentId;
        if (lcore < 0 || _cacheSize == 0)
        {
            return null;
        }

        return _caches[lcore] ?? CreateCache(lcore);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private MempoolCache CreateCache(int lcore)
    {
        var cache = new MempoolCache(_cacheSize);
        _caches[lcore] = cache;
        return cache;
    }

    private void MarkAllocated(ReadOnlySpan<nint> handles)
    {
        foreach (nint handle in handles)
        {
            ((PacketBuffer*)handle)->State = PacketBufferState.Allocated;
        }
    }

    private void CheckAndMarkFree(ReadOnlySpan<nint> handles)
    {
        for (int i = 0; i < handles.Length; i++)
        {
            nint handle = handles[i];
            if (!IsOwnBuffer(handle))
            {
                throw new InvalidOperationException($"Buffer 0x{handle:x} does not belong to mempool '{Name}': it was freed to the wrong pool or is not a packet buffer.");
            }

            PacketBuffer* buffer = (PacketBuffer*)handle;
            if (buffer->State == PacketBufferState.Free)
            {
                for (int j = 0; j < i; j++)
                {
                    ((PacketBuffer*)handles[j])->State = PacketBufferState.Allocated;
                }

                throw new InvalidOperationException($"Double free: buffer {buffer->PoolIndex} of mempool '{Name}' (0x{handle:x}) is already free.");
            }

            buffer->State = PacketBufferState.Free;
        }
    }

    private bool IsOwnBuffer(nint handle)
    {
        nuint offset = (nuint)handle - (nuint)_base;
        if (offset >= Region.Length)
        {
            return false;
        }

        if (_elementsPerPage == 0)
        {
            return offset % _elementSize == 0 && offset / _elementSize < (nuint)Capacity;
        }

        nuint page = offset / _pageSize;
        nuint inPage = offset % _pageSize - ColorOf(page);
        nuint index = page * _elementsPerPage + inPage / _elementSize;
        return inPage < _pageSize && inPage % _elementSize == 0 && inPage / _elementSize < _elementsPerPage && index < (nuint)Capacity;
    }

    private nuint OffsetOf(int index)
    {
        if (_elementsPerPage == 0)
        {
            return (nuint)index * _elementSize;
        }

        nuint page = (nuint)index / _elementsPerPage;
        return page * _pageSize + ColorOf(page) + (nuint)index % _elementsPerPage * _elementSize;
    }

    /// <summary>
    /// Where the first buffer of a page starts: the slack a page leaves after its last whole buffer is spent on
    /// shifting successive pages by a cache line each, so that the metadata of buffers in different pages does not
    /// fall into the same cache set (with one 2240-byte buffer per 4 KiB page it otherwise always would).
    /// </summary>
    private nuint ColorOf(nuint page)
    {
        nuint colors = (_pageSize - _elementsPerPage * _elementSize) / PacketLayout.CacheLineSize + 1;
        return page % colors * PacketLayout.CacheLineSize;
    }

    private static nuint RegionLength(int count, nuint elementSize, nuint pageSize)
    {
        if (elementSize > pageSize)
        {
            return (nuint)count * elementSize;
        }

        nuint perPage = pageSize / elementSize;
        return ((nuint)count + perPage - 1) / perPage * pageSize;
    }

    private static DmaRegion AllocateRegion(int count, nuint elementSize, IDmaMapper mapper, HugepagePolicy policy, ILogger? logger)
    {
        DmaRegion region = DmaRegion.Allocate(RegionLength(count, elementSize, (nuint)HugepageStatus.DefaultPageSize), mapper, policy, logger);
        nuint needed = RegionLength(count, elementSize, region.PageSize);
        if (region.Length >= needed)
        {
            return region;
        }

        region.Dispose();
        return DmaRegion.Allocate(needed, mapper, HugepagePolicy.Never, logger);
    }

    /// <summary>
    /// Returns the buffers that lcore <paramref name="lcore"/>'s caches hold, in every pool, to the pools' shared rings.
    /// Called by <see cref="Lcore.SetCurrent"/> when the lcore is released, so no other thread uses those caches then.
    /// </summary>
    internal static void FlushLcoreCaches(int lcore)
    {
        lock (s_registryLock)
        {
            foreach (PacketPool? pool in s_pools)
            {
                if (pool is not null && pool._disposed == 0 && pool._caches[lcore] is { Count: > 0 } cache)
                {
                    cache.Flush(pool._ring);
                }
            }
        }
    }

    private static ushort Register(PacketPool pool)
    {
        lock (s_registryLock)
        {
            for (int id = 1; id < s_pools.Length; id++)
            {
                if (s_pools[id] is null)
                {
                    s_pools[id] = pool;
                    return (ushort)id;
                }
            }
        }

        throw new InvalidOperationException($"{ushort.MaxValue} mempools exist already; dispose some first.");
    }

    /// <summary>
    /// Frees the pool's memory. Every device that may DMA into it must be stopped first; buffers still in use
    /// (<see cref="InUse"/>) become invalid.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        lock (s_registryLock)
        {
            s_pools[Id] = null;
        }

        foreach (MempoolCache? cache in _caches)
        {
            cache?.Dispose();
        }

        _ring.Dispose();
        Region.Dispose();
    }
}
