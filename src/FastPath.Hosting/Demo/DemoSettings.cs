using FastPath.Hosting.Output;
using FastPath.Traffic.Forwarding;
using FastPath.Mempool.Memory;
using FastPath.Traffic.Frames;
using FastPath.Traffic.Rate;

namespace FastPath.Hosting.Demo;

/// <summary>How the in-process demo pipeline runs.</summary>
public sealed record DemoSettings
{
    /// <summary>
    /// One or two cores. With one, generator, forwarder and receiver take turns on it; with two, the generator and the
    /// receiver share the first and the forwarder has the second. Generator and receiver always share an lcore: the
    /// generator then never outruns the receiver, which is what makes zero loss a guarantee rather than luck.
    /// </summary>
    public required IReadOnlyList<int> Lcores { get; init; }

    /// <summary>How long the generator sends; zero until <see cref="Count"/> frames are sent or the run is cancelled.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many frames to send; zero for no limit.</summary>
    public ulong Count { get; init; }

    /// <summary>The frame lengths.</summary>
    public FrameSizes Sizes { get; init; } = FrameSizes.Fixed(64);

    /// <summary>The generator's pace, checked against the ring link's nominal line rate.</summary>
    public RateLimit Rate { get; init; } = RateLimit.Unlimited;

    /// <summary>Whether the forwarder rewrites MAC addresses.</summary>
    public bool MacUpdating { get; init; } = true;

    /// <summary>When the forwarder sends partly filled transmit buffers.</summary>
    public TxDrainPolicy TxDrain { get; init; } = TxDrainPolicy.Adaptive;

    /// <summary>Buffers in the pool.</summary>
    public int PoolSize { get; init; } = 8192;

    /// <summary>Whether the pool's buffers must, may or must not come from 2 MiB hugepages.</summary>
    public HugepagePolicy Hugepages { get; init; } = HugepagePolicy.Never;

    /// <summary>Frames per burst.</summary>
    public int BurstSize { get; init; } = 32;

    /// <summary>Whether workers are pinned to their cores.</summary>
    public bool PinThreads { get; init; } = true;

    /// <summary>Time between statistics tables; zero for none.</summary>
    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The ports to run over; null for the built-in ring links.</summary>
    public DemoPorts? Ports { get; init; }

    /// <summary>Where the statistics tables go; null for nowhere.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Gets every statistics interval as well (JSON output, Crank statistics); null for none.</summary>
    public RunReport? Report { get; init; }
}
