using FastPath.Lcores;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastPath.Tests.Lcores;

[Collection(LcoreCollection.Name)]
public sealed class LcoreRunnerTests
{
    [Fact]
    public void Polling_workers_count_their_work_and_a_restart_on_the_same_pool_finds_every_buffer()
    {
        using PacketPool pool = PacketPool.Create("runner", 2048, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 128 });
        for (int round = 0; round < 2; round++)
        {
            using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
            var churn = new PoolChurn(pool);
            runner.Launch(7, [churn]);
            Assert.True(SpinWait.SpinUntil(() => runner.Snapshot()[0].Packets > 10_000, TimeSpan.FromSeconds(10)));
            runner.Stop();
            runner.Join();

            LcoreStatistics stats = runner.Snapshot()[0];
            Assert.Equal(7, stats.Core);
            Assert.False(stats.IsRunning);
            Assert.Equal(churn.Handled, stats.Packets);
            Assert.True(stats.BusyPolls <= stats.Polls);

            // The worker's lcore cache went back when it exited: a thread that is no lcore can take every buffer.
            var all = new Packet[pool.Capacity];
            Assert.True(pool.TryGetBulk(all), $"round {round}: buffers stayed in the exited lcore's cache");
            pool.PutBulk(all);
        }
    }

    [Fact]
    public void Drain_waits_for_the_pipeline_and_gives_up_after_the_timeout()
    {
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
        int left = 3;
        Assert.True(runner.Drain(() => Interlocked.Decrement(ref left) <= 0, TimeSpan.FromSeconds(5)));
        Assert.False(runner.Drain(() => false, TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void Two_workers_on_one_core_are_refused()
    {
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
        runner.Launch(9, [new PoolChurn(null)]);
        var error = Assert.Throws<ArgumentException>(() => runner.Launch(9, [new PoolChurn(null)]));
        Assert.Contains("Core 9 already runs a worker", error.Message);
    }

    private sealed class PoolChurn(PacketPool? pool) : IPollingTask
    {
        private readonly Packet[] _burst = new Packet[32];

        public ulong Handled { get; private set; }

        public bool IsFinished => false;

        public int Poll()
        {
            if (pool is null)
            {
                return 0;
            }

            int n = pool.Alloc(_burst);
            pool.Free(_burst.AsSpan(0, n));
            Handled += (ulong)n;
            return n;
        }

        public void Finish()
        {
        }
    }
}
