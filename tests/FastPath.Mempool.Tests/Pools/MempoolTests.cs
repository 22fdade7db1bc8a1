using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Mempool.Rings;
using FastPath.Mempool.Tests.Memory;

namespace FastPath.Mempool.Tests.Pools;

public sealed unsafe class MempoolTests
{
    private static readonly PacketPoolOptions SmallPages = new() { Hugepages = HugepagePolicy.Never, CacheSize = 32 };

    [Fact]
    public void Accounts_for_every_buffer_through_alloc_and_free()
    {
        using PacketPool pool = PacketPool.Create("accounting", 100, IdentityDmaMapper.Instance, SmallPages);
        Assert.Equal(100, pool.Available);
        var packets = new Packet[40];
        Assert.Equal(40, pool.Alloc(packets));
        Assert.Equal(60, pool.Available);
        Assert.Equal(40, pool.InUse);
        pool.Free(packets);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void Exhaustion_returns_a_short_count_and_never_throws()
    {
        using PacketPool pool = PacketPool.Create("exhaustion", 50, IdentityDmaMapper.Instance, SmallPages);
        var first = new Packet[32];
        var second = new Packet[32];
        Assert.Equal(32, pool.Alloc(first));
        Assert.Equal(18, pool.Alloc(second));
        Assert.Equal(0, pool.Alloc(new Packet[32]));
        Assert.False(pool.TryAlloc(out _));
        Assert.False(pool.TryGetBulk(new Packet[1]));
        Assert.Equal(50, pool.InUse);
        pool.Free(first);
        pool.Free(second.AsSpan(0, 18));
        Assert.Equal(50, pool.Available);
    }

    /// <summary>
    /// Lcore 3 frees 8 buffers into its cache and keeps its claim; lcore 4 then drains the pool. It must get every
    /// buffer but those lcore 3's cache holds, none of the 8, and lcore 3 gets exactly those 8 back from its cache.
    /// </summary>
    [Fact]
    public void Lcore_caches_keep_buffers_private_and_are_counted_as_available()
    {
        using PacketPool pool = PacketPool.Create("cached", 512, IdentityDmaMapper.Instance, SmallPages);
        using var cached = new ManualResetEventSlim();
        using var drained = new ManualResetEventSlim();
        var mine = new Packet[8];
        Packet[] again = new Packet[8];
        int againCount = 0;
        Exception? ownerFailure = null;
        var owner = new Thread(() =>
        {
            Lcore.SetCurrent(3);
            try
            {
                Assert.Equal(8, pool.Alloc(mine));
                Assert.Equal(8, pool.InUse);
                pool.Free(mine);
                cached.Set();
                drained.Wait();
                againCount = pool.Alloc(again);
                pool.Free(again.AsSpan(0, againCount));
            }
            catch (Exception e)
            {
                ownerFailure = e;
                cached.Set();
            }
            finally
            {
                Lcore.SetCurrent(Lcore.None);
            }
        });
        owner.Start();
        cached.Wait();
        Assert.Null(ownerFailure);
        Assert.Equal(512, pool.Available);

        var taken = new List<Packet>();
        RunAsLcore(4, () =>
        {
            var burst = new Packet[16];
            for (int n; (n = pool.Alloc(burst)) > 0;)
            {
                taken.AddRange(burst.AsSpan(0, n).ToArray());
            }

            // What is left is lcore 3's cache: the 8 it freed and what it prefetched from the ring with them.
            Assert.InRange(pool.Available, 8, 8 + SmallPages.CacheSize);
            Assert.Equal(512 - pool.Available, taken.Count);
            Assert.Empty(taken.Intersect(mine));
            pool.Free(taken.ToArray());
        });
        drained.Set();
        owner.Join();

        Assert.Null(ownerFailure);
        Assert.Equal(8, againCount);
        Assert.Equal(mine.ToHashSet(), again.ToHashSet());
        Assert.Equal(512, pool.Available);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void Buffers_allocated_on_one_lcore_and_freed_on_another_are_all_accounted()
    {
        const int rounds = 20_000;
        using PacketPool pool = PacketPool.Create("cross-thread", 2048, IdentityDmaMapper.Instance, SmallPages with { CacheSize = 64, DebugChecks = true });
        using var link = new Ring(1024, RingSync.Single, RingSync.Single);
        var producer = new Thread(() =>
        {
            Lcore.SetCurrent(0);
            var packets = new Packet[16];
            for (int round = 0; round < rounds;)
            {
                int n = pool.Alloc(packets);
                int sent = link.EnqueueBurst(packets.AsSpan(0, n));
                pool.Free(packets.AsSpan(sent, n - sent));
                round += sent > 0 ? 1 : 0;
            }
        });
        var consumer = new Thread(() =>
        {
            Lcore.SetCurrent(1);
            var packets = new Packet[16];
            int idle = 0;
            while (producer.IsAlive || idle++ < 1000)
            {
                int got = link.DequeueBurst(packets);
                pool.Free(packets.AsSpan(0, got));
                idle = got > 0 ? 0 : idle;
            }
        });
        producer.Start();
        consumer.Start();
        Assert.True(producer.Join(TimeSpan.FromMinutes(2)));
        Assert.True(consumer.Join(TimeSpan.FromMinutes(2)));
        Assert.Equal(0, link.Count);
        Assert.Equal(2048, pool.Available);
    }

    [Fact]
    public void Debug_checks_catch_a_double_free_and_keep_the_count_right()
    {
        using PacketPool pool = PacketPool.Create("double-free", 16, IdentityDmaMapper.Instance, SmallPages with { CacheSize = 0, DebugChecks = true });
        var packets = new Packet[2];
        Assert.Equal(2, pool.Alloc(packets));
        pool.Free(packets[0]);
        var error = Assert.Throws<InvalidOperationException>(() => pool.Free(packets));
        Assert.Contains("Double free", error.Message);
        Assert.Equal(1, pool.InUse);
        pool.Free(packets[1]);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void Debug_checks_catch_a_buffer_from_another_pool()
    {
        using PacketPool pool = PacketPool.Create("home", 16, IdentityDmaMapper.Instance, SmallPages with { CacheSize = 0, DebugChecks = true });
        using PacketPool other = PacketPool.Create("other", 16, IdentityDmaMapper.Instance, SmallPages with { CacheSize = 0 });
        Assert.True(other.TryAlloc(out Packet foreign));
        var error = Assert.Throws<InvalidOperationException>(() => pool.Free(foreign));
        Assert.Contains("does not belong to mempool 'home'", error.Message);
        Assert.True(pool.TryAlloc(out Packet own));
        var inside = Packet.FromHandle(own.Handle + 64);
        Assert.Throws<InvalidOperationException>(() => pool.Free(inside));
        pool.Free(own);
        foreign.Free();
        Assert.Equal(0, other.InUse);
    }

    [Fact]
    public void Packets_free_to_their_own_pools()
    {
        using PacketPool a = PacketPool.Create("a", 16, IdentityDmaMapper.Instance, SmallPages with { CacheSize = 0 });
        using PacketPool b = PacketPool.Create("b", 16, IdentityDmaMapper.Instance, SmallPages with { CacheSize = 0 });
        var packets = new Packet[4];
        Assert.Equal(2, a.Alloc(packets.AsSpan(0, 2)));
        Assert.Equal(1, b.Alloc(packets.AsSpan(2, 1)));
        Assert.Equal(1, a.Alloc(packets.AsSpan(3, 1)));
        PacketPool.FreeToOwners(packets);
        Assert.Equal(0, a.InUse);
        Assert.Equal(0, b.InUse);
        Assert.Same(a, PacketPool.FromId(a.Id));
    }

    [Fact]
    public void Alloc_resets_metadata_left_by_the_last_user()
    {
        using PacketPool pool = PacketPool.Create("reset", 1, IdentityDmaMapper.Instance, SmallPages with { CacheSize = 0 });
        Assert.True(pool.TryAlloc(out Packet packet));
        packet.Append(60);
        packet.TrimFront(10);
        packet.Port = 7;
        packet.Metadata.Queue = 3;
        packet.Flags = PacketFlags.RssHash;
        packet.Free();
        Assert.True(pool.TryAlloc(out Packet again));
        Assert.Equal(packet, again);
        Assert.Equal(0, again.Length);
        Assert.Equal(pool.Headroom, again.Headroom);
        Assert.Equal(0, again.Port);
        Assert.Equal(0, again.Metadata.Queue);
        Assert.Equal(PacketFlags.None, again.Flags);
        again.Free();
    }

    [Fact]
    public void Buffers_are_cache_aligned_never_straddle_a_page_and_know_their_iova()
    {
        using PacketPool pool = PacketPool.Create("layout", 10, IdentityDmaMapper.Instance, SmallPages with { CacheSize = 0 });
        var packets = new Packet[10];
        Assert.Equal(10, pool.Alloc(packets));
        var pageSize = (nint)pool.Region.PageSize;
        foreach (Packet packet in packets)
        {
            Assert.Equal(0, packet.Handle % 64);
            nint end = packet.Handle + PacketLayout.ElementSize(pool.Headroom, pool.DataRoom) - 1;
            Assert.Equal(packet.Handle / pageSize, end / pageSize);
            Assert.Equal(pool.Region.GetIova(packet.BufferStart), packet.Metadata.BufferIova);
            Assert.Equal(pool.Id, packet.Metadata.PoolId);
        }

        Assert.Equal(10, packets.Select(p => p.Metadata.PoolIndex).Distinct().Count());
        pool.Free(packets);
    }

    [Fact]
    public void Buffers_on_small_pages_start_at_different_cache_sets()
    {
        using PacketPool pool = PacketPool.Create("colored", 8, IdentityDmaMapper.Instance, SmallPages with { CacheSize = 0 });
        var packets = new Packet[8];
        Assert.Equal(8, pool.Alloc(packets));
        Assert.Equal(8, packets.Select(p => p.Handle % 4096).Distinct().Count());
        pool.Free(packets);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void A_cache_larger_than_two_thirds_of_the_pool_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PacketPool.Create("tiny", 30, IdentityDmaMapper.Instance, SmallPages with { CacheSize = 32 }));
        Assert.Contains("at most count / 1.5 = 20", error.Message);
    }

    [Fact]
    public void A_disposed_pool_is_no_longer_found_by_id()
    {
        PacketPool pool = PacketPool.Create("gone", 4, IdentityDmaMapper.Instance, SmallPages with { CacheSize = 0 });
        ushort id = pool.Id;
        pool.Dispose();
        var error = Assert.Throws<InvalidOperationException>(() => PacketPool.FromId(id));
        Assert.Contains("foreign or its pool was disposed", error.Message);
    }

    private static void RunAsLcore(int lcore, Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            Lcore.SetCurrent(lcore);
            try
            {
                action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new Xunit.Sdk.XunitException($"lcore {lcore} failed: {failure}");
        }
    }
}

[Collection(HugepageCollection.Name)]
public sealed class HugepageMempoolTests
{
    [RootFact]
    public void A_pool_in_hugepages_packs_hundreds_of_buffers_per_page()
    {
        using var reservation = HugepageReservation.WithFree(2);
        using PacketPool pool = PacketPool.Create("huge", 1000, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Require });
        Assert.True(pool.Region.IsHugepageBacked);
        Assert.Equal((nuint)(2 * 2 * 1024 * 1024), pool.Region.Length);
        var packets = new Packet[32];
        Assert.Equal(32, pool.Alloc(packets));
        pool.Free(packets);
        Assert.Equal(1000, pool.Available);
    }

    [Fact]
    public void Lcore_ids_are_bounded()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Lcore.SetCurrent(Lcore.MaxCount));
        Lcore.SetCurrent(Lcore.None);
        Assert.Equal(Lcore.None, Lcore.CurrentId);
    }
}
