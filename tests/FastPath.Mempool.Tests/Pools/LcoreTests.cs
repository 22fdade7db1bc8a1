using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Mempool.Tests.Pools;

public sealed class LcoreTests
{
    private static readonly PacketPoolOptions s_smallPages = new() { Hugepages = HugepagePolicy.Never, CacheSize = 64 };

    [Fact]
    public void A_second_live_thread_cannot_claim_an_owned_lcore()
    {
        using var claimed = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var owner = new Thread(() =>
        {
            Lcore.SetCurrent(101);
            claimed.Set();
            release.Wait();
            Lcore.SetCurrent(Lcore.None);
        })
        { Name = "owner of 101" };
        owner.Start();
        claimed.Wait();

        Exception? error = RunOnThread(() => Lcore.SetCurrent(101));
        release.Set();
        owner.Join();

        var refused = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("Lcore 101 is owned by thread 'owner of 101'", refused.Message);
        Assert.Null(RunOnThread(() =>
        {
            Lcore.SetCurrent(101);
            Lcore.SetCurrent(Lcore.None);
        }));
    }

    [Fact]
    public void Releasing_an_lcore_returns_its_cached_buffers_to_the_shared_ring()
    {
        using PacketPool pool = PacketPool.Create("lcore-flush", 1024, IdentityDmaMapper.Instance, s_smallPages);
        Assert.Null(RunOnThread(() =>
        {
            Lcore.SetCurrent(102);
            var packets = new Packet[48];
            Assert.Equal(48, pool.Alloc(packets));
            pool.Free(packets);
            Lcore.SetCurrent(Lcore.None);
        }));

        // A thread that is no lcore takes from the shared ring only: every buffer must be there.
        var all = new Packet[1024];
        Assert.True(pool.TryGetBulk(all));
        pool.PutBulk(all);
    }

    [Fact]
    public void A_claim_left_by_an_exited_thread_is_taken_over_and_its_cache_flushed()
    {
        using PacketPool pool = PacketPool.Create("lcore-stale", 1024, IdentityDmaMapper.Instance, s_smallPages);
        Assert.Null(RunOnThread(() =>
        {
            Lcore.SetCurrent(103);
            var packets = new Packet[32];
            pool.Free(packets.AsSpan(0, pool.Alloc(packets)));
        }));

        var all = new Packet[1024];
        Assert.False(pool.TryGetBulk(all));
        Assert.Null(RunOnThread(() =>
        {
            Lcore.SetCurrent(103);
            Lcore.SetCurrent(Lcore.None);
        }));
        Assert.True(pool.TryGetBulk(all));
        pool.PutBulk(all);
    }

    private static Exception? RunOnThread(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        thread.Start();
        thread.Join();
        return failure;
    }
}
