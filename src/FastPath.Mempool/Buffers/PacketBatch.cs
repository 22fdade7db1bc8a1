using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastPath.Mempool.Buffers;

/// <summary>
/// A reusable burst of up to <see cref="Capacity"/> packets (32 by default), allocated once per worker and passed to
/// receive, transmit and pool calls as a span without allocating.
/// </summary>
public sealed class PacketBatch
{
    /// <summary>The burst size DPDK applications use by default.</summary>
    public const int DefaultCapacity = 32;

    private readonly Packet[] _items;

    /// <summary>Creates an empty batch.</summary>
    public PacketBatch(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _items = new Packet[capacity];
    }

    /// <summary>How many packets the batch can hold.</summary>
    public int Capacity => _items.Length;

    /// <summary>How many packets the batch holds.</summary>
    public int Count { get; set; }

    /// <summary>The packets held.</summary>
    public Span<Packet> Packets
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(_items), Count);
    }

    /// <summary>The whole storage, to receive or allocate into; set <see cref="Count"/> afterwards.</summary>
    public Span<Packet> Storage
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(_items), _items.Length);
    }

    /// <summary>The packet at <paramref name="index"/>.</summary>
    public ref Packet this[int index] => ref _items[index];

    /// <summary>Adds a packet; false when full.</summary>
    public bool TryAdd(Packet packet)
    {
        if (Count == _items.Length)
        {
            return false;
        }

        _items[Count++] = packet;
        return true;
    }

    /// <summary>Drops the first <paramref name="count"/> packets (for instance those a transmit accepted) and keeps the rest.</summary>
    public void RemoveFront(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)Count, nameof(count));
        Packets[count..].CopyTo(Storage);
        Count -= count;
    }

    /// <summary>Empties the batch (the packets are not freed).</summary>
    public void Clear() => Count = 0;
}
