using BenchmarkDotNet.Attributes;
using FastPath.Mempool.Rings;

namespace FastPath.Benchmarks.Rings;

/// <summary>
/// One enqueue-bulk plus one dequeue-bulk call pair on one thread, as DPDK's ring_perf_autotest measures
/// ("SP/SC bulk enq/dequeue"); DPDK 22.11 on this kind of machine: ≈ 43 cycles (SP/SC) and ≈ 60 (MP/MC) for bulk 32.
/// </summary>
public class RingBenchmarks
{
    private Ring _ring = null!;
    private nint[] _items = null!;

    [Params(8, 32)]
    public int Bulk { get; set; }

    [Params(RingSync.Single, RingSync.Multi)]
    public RingSync Sync { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ring = new Ring(1024, Sync, Sync);
        _items = Enumerable.Range(1, Bulk).Select(i => (nint)i).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _ring.Dispose();

    [Benchmark(OperationsPerInvoke = 1000)]
    public int EnqueueDequeueBulk()
    {
        Ring ring = _ring;
        Span<nint> items = _items;
        int moved = 0;
        for (int i = 0; i < 1000; i++)
        {
            ring.EnqueueBulk(items);
            moved += ring.DequeueBulk(items);
        }

        return moved;
    }
}
