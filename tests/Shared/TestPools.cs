using FastPath.Ports.Registry;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastPath.Testing;

/// <summary>Small pools and port-open contexts for the test suites that open ports (linked into each).</summary>
internal static class TestPools
{
    public static PacketPool Create(int count = 4096) =>
        PacketPool.Create("test", count, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 64 });

    public static PortOpenContext Context(PacketPool pool) =>
        new() { PortId = 0, Pool = pool, LoggerFactory = NullLoggerFactory.Instance };
}
