using System.Runtime.CompilerServices;
using FastPath.Linux;
using FastPath.Ports.Virtual.AfXdp.Interop;

namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>
/// A ring the kernel fills and user space drains (receive and completion). The kernel's producer index is read
/// with an acquire load, so the entries it covers are visible; once read, the entries are handed back with a
/// release store of our consumer index.
/// </summary>
internal sealed unsafe class XskConsumerRing : IDisposable
{
    private readonly MappedMemoryHandle _mapping;
    private readonly uint* _producer;
    private readonly uint* _consumer;
    private uint _cachedProducer;
    private uint _cachedConsumer;

    public XskConsumerRing(MappedMemoryHandle mapping, in XdpRingOffset offsets, uint size)
    {
        _mapping = mapping;
        byte* start = (byte*)mapping.Address;
        _producer = (uint*)(start + offsets.Producer);
        _consumer = (uint*)(start + offsets.Consumer);
        Entries = start + offsets.Descriptors;
        Size = size;
        Mask = size - 1;
        _cachedConsumer = Volatile.Read(ref *_consumer);
        _cachedProducer = Volatile.Read(ref *_producer);
    }

    /// <summary>The entry array: <see cref="XdpDescriptor"/>s for receive, <c>ulong</c> addresses for completion.</summary>
    public byte* Entries { get; }

    public uint Size { get; }

    public uint Mask { get; }

    /// <summary>Whether entries are waiting, by a fresh read of the kernel's index.</summary>
    public bool HasEntries => _cachedConsumer != Volatile.Read(ref *_producer);

    /// <summary>Up to <paramref name="wanted"/> entries ready from <paramref name="first"/> (an index to mask).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Peek(uint wanted, out uint first)
    {
        first = _cachedConsumer;
        uint ready = _cachedProducer - _cachedConsumer;
        if (ready < wanted)
        {
            _cachedProducer = Volatile.Read(ref *_producer);
            ready = _cachedProducer - _cachedConsumer;
        }

        return Math.Min(ready, wanted);
    }

    /// <summary>Gives <paramref name="count"/> read entries back with a release store of the consumer index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release(uint count)
    {
        _cachedConsumer += count;
        Volatile.Write(ref *_consumer, _cachedConsumer);
    }

    public void Dispose() => _mapping.Dispose();
}
