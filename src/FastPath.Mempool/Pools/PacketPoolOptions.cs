using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;

namespace FastPath.Mempool.Pools;

/// <summary>How a <see cref="Mempool"/> is laid out.</summary>
public sealed record PacketPoolOptions
{
    /// <summary>Bytes of headroom before each frame.</summary>
    public int Headroom { get; init; } = PacketLayout.DefaultHeadroom;

    /// <summary>Bytes of room for each frame.</summary>
    public int DataRoom { get; init; } = PacketLayout.DefaultDataRoom;

    /// <summary>Buffers each lcore keeps in its private cache (0 disables caches), as DPDK's cache_size.</summary>
    public int CacheSize { get; init; } = 256;

    /// <summary>Whether the DMA memory must, may or must not be hugepages.</summary>
    public HugepagePolicy Hugepages { get; init; } = HugepagePolicy.Prefer;

    /// <summary>
    /// Checks every free: a buffer not from this pool, or freed twice, throws <see cref="InvalidOperationException"/>.
    /// Costs a little per buffer; meant for development.
    /// </summary>
    public bool DebugChecks { get; init; }
}
