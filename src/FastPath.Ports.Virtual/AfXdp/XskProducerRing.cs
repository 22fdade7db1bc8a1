using System.Runtime.CompilerServices;
using FastPath.Linux;
using FastPath.Ports.Virtual.AfXdp.Interop;

namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>
/// A ring user space fills and the kernel drains (fill and transmit). The producer index is ours: entries are
/// written first and the index is published with a release store. The kernel's consumer index is read with an
/// acquire load, only when the cached copy shows too little room.
/// </summary>
internal sealed unsafe class XskProducerRing : IDisposable
{
    private readonly MappedMemoryHandle _mapping;
    private readonly uint* _producer;
    private readonly uint* _consumer;
    private readonly uint* _flags;
    private readonly uint _mask;
    private uint _cachedProducer;
    private uint _cachedConsumer;

    public XskProducerRing(MappedMemoryHandle mapping, in XdpRingOffset offsets, uint size)
    {
        _mapping = mapping;
        byte* start = (byte*)mapping.Address;
        _producer = (uint*)(start + offsets.Producer);
        _consumer = (uint*)(start + offsets.Consumer);
        _flags = (uint*)(start + offsets.Flags);
        Entries = start + offsets.Descriptors;
        Size = size;
        _mask = size - 1;
        _cachedProducer = Volatile.Read(ref *_producer);
        _cachedConsumer = Volatile.Read(ref *_consumer) + size;
    }

    /// <summary>The entry array: <c>ulong</c> addresses for the fill ring, <see cref="XdpDescriptor"/>s for transmit.</summary>
    public byte* Entries { get; }

    public uint Size { get; }

    public uint Mask => _mask;

    /// <summary>Whether the kernel asked to be woken (XDP_RING_NEED_WAKEUP) before it looks at the ring again.</summary>
    public bool NeedsWakeup
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Volatile.Read(ref *_flags) & XdpConstants.RingNeedWakeup) != 0;
    }

    /// <summary>Entries the kernel has not consumed yet, by a fresh read of its index.</summary>
    public uint Outstanding => _cachedProducer - Volatile.Read(ref *_consumer);

    /// <summary>
    /// Reserves up to <paramref name="wanted"/> entries from <paramref name="first"/> (an index to mask); the
    /// cached consumer index is refreshed with an acquire load only when it shows too little room.
    /// </summary>
    /// <returns>How many entries may be written.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Reserve(uint wanted, out uint first)
    {
        first = _cachedProducer;
        uint free = _cachedConsumer - _cachedProducer;
        if (free < wanted)
        {
            // The cached consumer is kept one ring ahead, so free entries are a plain difference.
            _cachedConsumer = Volatile.Read(ref *_consumer) + Size;
            free = _cachedConsumer - _cachedProducer;
        }

        return Math.Min(free, wanted);
    }

    /// <summary>Publishes <paramref name="count"/> written entries with a release store of the producer index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Submit(uint count)
    {
        _cachedProducer += count;
        Volatile.Write(ref *_producer, _cachedProducer);
    }

    public void Dispose() => _mapping.Dispose();
}
