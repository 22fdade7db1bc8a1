using BenchmarkDotNet.Attributes;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Benchmarks.Pools;

/// <summary>
/// Get-bulk plus put-bulk through the calling lcore's cache (DPDK's mempool_perf_autotest; 22.11 on this kind of
/// machine: ≈ 1.7 cycles per object for bulk 32), and packet alloc-bulk plus free-bulk, which also resets the
/// metadata (rte_pktmbuf_alloc_bulk + rte_pktmbuf_free_bulk: ≈ 14.5 cycles per object). Cost is per object.
/// </summary>
public class MempoolBenchmarks
{
    private const int Calls = 1000;
    private PacketPool _pool = null!;
    private Packet[] _packets = null!;

    [Params(1, 8, 32)]
    public int Bulk { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Lcore.SetCurrent(0);
        _pool = PacketPool.Create("bench", 8192, IdentityDmaMapper.Instance, new PacketPoolOptions { CacheSize = 512 });
        _packets = new Packet[Bulk];
    }

    [GlobalCleanup]
    public void Cleanup() => _pool.Dispose();

    [Benchmark(OperationsPerInvoke = Calls)]
    public void GetPutBulkPerCall()
    {
        PacketPool pool = _pool;
        Span<Packet> packets = _packets;
        for (int i = 0; i < Calls; i++)
        {
            pool.TryGetBulk(packets);
            pool.PutBulk(packets);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void AllocFreeBulkPerCall()
    {
        PacketPool pool = _pool;
        Span<Packet> packets = _packets;
        for (int i = 0; i < Calls; i++)
        {
            int n = pool.Alloc(packets);
            pool.Free(packets[..n]);
        }
    }
}
