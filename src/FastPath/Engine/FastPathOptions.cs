using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;

namespace FastPath.Engine;

/// <summary>
/// What the engine opens and runs when the host starts (<c>services.AddFastPath(o =&gt; …)</c>): the ports, the packet
/// pool and the lcores. Every value has a default; <see cref="Ports"/> needs at least one spec.
/// </summary>
public sealed class FastPathOptions
{
    /// <summary>The port specs, in port-id order (<c>af_packet:veth0</c>, <c>pci:0000:03:00.0</c>, <c>ring:a</c>, …).</summary>
    public IList<string> Ports { get; } = [];

    /// <summary>Queue pairs to open on every port.</summary>
    public int QueuesPerPort { get; set; } = 1;

    /// <summary>Packet buffers in the engine's pool.</summary>
    public int PoolSize { get; set; } = 16384;

    /// <summary>Buffers each lcore keeps in its private cache of the pool.</summary>
    public int PoolCacheSize { get; set; } = 256;

    /// <summary>Whether the pool must, may or must not use 2 MiB hugepages.</summary>
    public HugepagePolicy Hugepages { get; set; } = HugepagePolicy.Prefer;

    /// <summary>The cores the pipeline's lanes run on, one lane each; empty takes the first allowed cores.</summary>
    public IList<int> Lcores { get; } = [];

    /// <summary>Whether each lcore's thread is pinned to its core.</summary>
    public bool PinThreads { get; set; } = true;

    /// <summary>Packets per burst, the size of the batches <see cref="FastPathEngine.Batches"/> hands out.</summary>
    public int BurstSize { get; set; } = PacketBatch.DefaultCapacity;

    /// <summary>How often the engine reads every port's link to raise <see cref="FastPathEngine.LinkChanged"/>; zero turns it off.</summary>
    public TimeSpan LinkCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a stop waits for the pipeline to drain before it stops the lcores.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
