using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;

namespace FastPath.Mempool.Rings;

/// <summary>
/// A lock-free fixed-size ring of handles (pointers), with the semantics of DPDK's <c>rte_ring</c>: each end is
/// single- or multi-threaded; <em>bulk</em> calls move all the given elements or none, <em>burst</em> calls move as
/// many as they can. Producers reserve slots by moving the producer head, copy, then publish by moving the producer
/// tail in reservation order; consumers mirror that.
/// </summary>
public sealed unsafe class Ring : IDisposable
{
    private readonly uint _mask;
    private readonly uint _capacity;
    private readonly bool _singleProducer;
    private readonly bool _singleConsumer;
    private RingIndexes* _indexes;
    private nint* _slots;

    /// <summary>Creates a ring of <paramref name="size"/> slots.</summary>
    /// <param name="size">A power of two; the ring holds up to this many elements.</param>
    /// <param name="producers">Whether one or many threads enqueue.</param>
    /// <param name="consumers">Whether one or many threads dequeue.</param>
    public Ring(int size, RingSync producers = RingSync.Multi, RingSync consumers = RingSync.Multi)
    {
        if (size < 2 || !System.Numerics.BitOperations.IsPow2(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"A ring's size must be a power of two of at least 2; {size} was given.");
        }

        _capacity = (uint)size;
        _mask = (uint)size - 1;
        _singleProducer = producers == RingSync.Single;
        _singleConsumer = consumers == RingSync.Single;
        _indexes = (RingIndexes*)NativeMemory.AlignedAlloc((nuint)sizeof(RingIndexes), 128);
        *_indexes = default;
        _slots = (nint*)NativeMemory.AlignedAlloc((nuint)size * (nuint)sizeof(nint), 64);
    }

    /// <summary>How many elements the ring can hold.</summary>
    public int Capacity => (int)_capacity;

    /// <summary>How many elements are in the ring (a snapshot).</summary>
    public int Count
    {
        get
        {
            uint count = Volatile.Read(ref _indexes->ProducerTail) - Volatile.Read(ref _indexes->ConsumerTail);
            return (int)Math.Min(count, _capacity);
        }
    }

    /// <summary>How many more elements fit (a snapshot).</summary>
    public int FreeCount => Capacity - Count;

    /// <summary>Whether the producer end is single-threaded.</summary>
    public bool IsSingleProducer => _singleProducer;

    /// <summary>Whether the consumer end is single-threaded.</summary>
    public bool IsSingleConsumer => _singleConsumer;

    /// <summary>Enqueues all of <paramref name="items"/>, or nothing when they do not all fit.</summary>
    /// <returns>The number enqueued: all or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int EnqueueBulk(ReadOnlySpan<nint> items) => Enqueue(ref MemoryMarshal.GetReference(items), (uint)items.Length, bulk: true);

    /// <summary>Enqueues as many of <paramref name="items"/> as fit, from the front.</summary>
    /// <returns>The number enqueued.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int EnqueueBurst(ReadOnlySpan<nint> items) => Enqueue(ref MemoryMarshal.GetReference(items), (uint)items.Length, bulk: false);

    /// <summary>Dequeues exactly <c>items.Length</c> elements, or nothing when fewer are there.</summary>
    /// <returns>The number dequeued: all or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DequeueBulk(Span<nint> items) => Dequeue(ref MemoryMarshal.GetReference(items), (uint)items.Length, bulk: true);

    /// <summary>Dequeues up to <c>items.Length</c> elements.</summary>
    /// <returns>The number dequeued.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DequeueBurst(Span<nint> items) => Dequeue(ref MemoryMarshal.GetReference(items), (uint)items.Length, bulk: false);

    /// <summary>Enqueues all packets or none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int EnqueueBulk(ReadOnlySpan<Packet> packets) => Enqueue(ref Unsafe.As<Packet, nint>(ref MemoryMarshal.GetReference(packets)), (uint)packets.Length, bulk: true);

    /// <summary>Enqueues as many packets as fit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int EnqueueBurst(ReadOnlySpan<Packet> packets) => Enqueue(ref Unsafe.As<Packet, nint>(ref MemoryMarshal.GetReference(packets)), (uint)packets.Length, bulk: false);

    /// <summary>Dequeues exactly <c>packets.Length</c> packets or none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DequeueBulk(Span<Packet> packets) => Dequeue(ref Unsafe.As<Packet, nint>(ref MemoryMarshal.GetReference(packets)), (uint)packets.Length, bulk: true);

    /// <summary>Dequeues up to <c>packets.Length</c> packets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DequeueBurst(Span<Packet> packets) => Dequeue(ref Unsafe.As<Packet, nint>(ref MemoryMarshal.GetReference(packets)), (uint)packets.Length, bulk: false);

    private int Enqueue(ref nint source, uint n, bool bulk)
    {
        RingIndexes* indexes = _indexes;
        uint head;
        uint next;
        if (_singleProducer)
        {
            head = indexes->ProducerHead;
            uint free = _capacity + Volatile.Read(ref indexes->ConsumerTail) - head;
            if (n > free)
            {
                if (bulk || free == 0)
                {
                    return 0;
                }

                n = free;
            }

            next = head + n;
            indexes->ProducerHead = next;
        }
        else
        {
            while (true)
            {
                head = Volatile.Read(ref indexes->ProducerHead);
                uint free = _capacity + Volatile.Read(ref indexes->ConsumerTail) - head;
                uint take = n;
                if (take > free)
                {
                    if (bulk || free == 0)
                    {
                        return 0;
                    }

                    take = free;
                }

                next = head + take;
                if (Interlocked.CompareExchange(ref indexes->ProducerHead, next, head) == head)
                {
                    n = take;
                    break;
                }
            }
        }

        Copy(ref source, ref *_slots, head & _mask, n, toRing: true);

        if (!_singleProducer)
        {
            WaitForTurn(ref indexes->ProducerTail, head);
        }

        Volatile.Write(ref indexes->ProducerTail, next);
        return (int)n;
    }

    private int Dequeue(ref nint destination, uint n, bool bulk)
    {
        RingIndexes* indexes = _indexes;
        uint head;
        uint next;
        if (_singleConsumer)
        {
            head = indexes->ConsumerHead;
            uint entries = Volatile.Read(ref indexes->ProducerTail) - head;
            if (n > entries)
            {
                if (bulk || entries == 0)
                {
                    return 0;
                }

                n = entries;
            }

            next = head + n;
            indexes->ConsumerHead = next;
        }
        else
        {
            while (true)
            {
                head = Volatile.Read(ref indexes->ConsumerHead);
                uint entries = Volatile.Read(ref indexes->ProducerTail) - head;
                uint take = n;
                if (take > entries)
                {
                    if (bulk || entries == 0)
                    {
                        return 0;
                    }

                    take = entries;
                }

                next = head + take;
                if (Interlocked.CompareExchange(ref indexes->ConsumerHead, next, head) == head)
                {
                    n = take;
                    break;
                }
            }
        }

        Copy(ref destination, ref *_slots, head & _mask, n, toRing: false);

        if (!_singleConsumer)
        {
            WaitForTurn(ref indexes->ConsumerTail, head);
        }

        Volatile.Write(ref indexes->ConsumerTail, next);
        return (int)n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Copy(ref nint items, ref nint slots, uint start, uint n, bool toRing)
    {
        uint first = Math.Min(n, _capacity - start);
        ref nint slot = ref Unsafe.Add(ref slots, (nint)start);
        if (toRing)
        {
            Unsafe.CopyBlockUnaligned(ref Unsafe.As<nint, byte>(ref slot), ref Unsafe.As<nint, byte>(ref items), first * (uint)sizeof(nint));
            Unsafe.CopyBlockUnaligned(ref Unsafe.As<nint, byte>(ref slots), ref Unsafe.As<nint, byte>(ref Unsafe.Add(ref items, (nint)first)), (n - first) * (uint)sizeof(nint));
        }
        else
        {
            Unsafe.CopyBlockUnaligned(ref Unsafe.As<nint, byte>(ref items), ref Unsafe.As<nint, byte>(ref slot), first * (uint)sizeof(nint));
            Unsafe.CopyBlockUnaligned(ref Unsafe.As<nint, byte>(ref Unsafe.Add(ref items, (nint)first)), ref Unsafe.As<nint, byte>(ref slots), (n - first) * (uint)sizeof(nint));
        }
    }

    /// <summary>Waits until the threads that reserved earlier slots have published them.</summary>
    private static void WaitForTurn(ref uint tail, uint expected)
    {
        if (Volatile.Read(ref tail) == expected)
        {
            return;
        }

        SpinWait spinner = default;
        while (Volatile.Read(ref tail) != expected)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Frees the ring's memory if it was not disposed.</summary>
    ~Ring() => Release();

    /// <summary>Frees the ring's memory. No thread may use it any more.</summary>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        if (_slots != null)
        {
            NativeMemory.AlignedFree(_slots);
            NativeMemory.AlignedFree(_indexes);
            _slots = null;
            _indexes = null;
        }
    }
}
