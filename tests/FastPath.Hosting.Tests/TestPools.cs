using FastPath.Hosting.Ports;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastPath.Hosting.Tests;

internal static class TestPools
{
    public static FastPath.Mempool.Pools.Mempool Create(int count = 4096) =>
        FastPath.Mempool.Pools.Mempool.Create("test", count, IdentityDmaMapper.Instance, new MempoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 64 });

    public static PortOpenContext Context(FastPath.Mempool.Pools.Mempool pool) =>
        new() { PortId = 0, Pool = pool, LoggerFactory = NullLoggerFactory.Instance };
}
