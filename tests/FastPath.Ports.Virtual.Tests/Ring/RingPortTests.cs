using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Ring;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.Tests.Ring;

public sealed class RingPortTests
{
    [Fact]
    public void Pair_FramesSentOnOneEndArriveOnTheOtherInOrder()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        (RingPort a, RingPort b) = RingPort.CreatePair(firstId: 0, secondId: 3);
        using (a)
        using (b)
        {
            a.Start();
            b.Start();
            Packet[] sent = TestPools.AllocFrames(pool, 20, i => TestPools.NumberedFrame(i, 60 + i));

            Assert.Equal(20, a.GetTxQueue(0).TxBurst(sent));
            var received = new Packet[32];
            int count = b.GetRxQueue(0).RxBurst(received);

            Assert.Equal(20, count);
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(TestPools.NumberedFrame(i, 60 + i), received[i].Data.ToArray());
                Assert.Equal(3, received[i].Port);
            }

            ulong bytes = (ulong)Enumerable.Range(60, 20).Sum();
            Assert.Equal(20UL, a.GetStatistics().TxPackets);
            Assert.Equal(bytes, a.GetStatistics().TxBytes);
            Assert.Equal(20UL, b.GetStatistics().RxPackets);
            Assert.Equal(bytes, b.GetStatistics().RxBytes);
            Assert.True(a.Link.IsUp);
            Assert.NotEqual(a.MacAddress, b.MacAddress);
            pool.Free(received.AsSpan(0, count));
        }
    }

    [Fact]
    public void MultiQueue_QueueIReachesOnlyPeerQueueI()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        (RingPort a, RingPort b) = RingPort.CreatePair(new RingPortOptions { QueueCount = 3 });
        using (a)
        using (b)
        {
            a.Start();
            b.Start();
            for (int q = 0; q < 3; q++)
            {
                Assert.Equal(q + 1, b.GetTxQueue(q).TxBurst(TestPools.AllocFrames(pool, q + 1, i => TestPools.NumberedFrame(q * 100 + i))));
            }

            var received = new Packet[8];
            for (int q = 0; q < 3; q++)
            {
                int count = a.GetRxQueue(q).RxBurst(received);
                Assert.Equal(q + 1, count);
                for (int i = 0; i < count; i++)
                {
                    Assert.Equal(q * 100 + i, BitConverter.ToInt32(received[i].Data));
                    Assert.Equal(q, received[i].Metadata.Queue);
                }

                pool.Free(received.AsSpan(0, count));
            }

            Assert.Equal(0, b.GetRxQueue(0).RxBurst(received));
        }
    }

    [Fact]
    public void FullRing_ReturnsShortCountAndCallerKeepsTheRest()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        (RingPort a, RingPort b) = RingPort.CreatePair(new RingPortOptions { RingSize = 8 });
        using (a)
        using (b)
        {
            a.Start();
            Packet[] packets = TestPools.AllocFrames(pool, 12, i => TestPools.NumberedFrame(i, 64));

            int accepted = a.GetTxQueue(0).TxBurst(packets);

            Assert.Equal(8, accepted);
            Assert.Equal(8UL * 64, a.GetStatistics().TxBytes);
            Assert.Equal(0, a.GetTxQueue(0).TxBurst(packets.AsSpan(accepted)));
            pool.Free(packets.AsSpan(accepted));
        }

        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void Dispose_FreesPacketsWaitingInTheLinkAndCountsThemMissed()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        (RingPort a, RingPort b) = RingPort.CreatePair();
        a.Start();
        a.GetTxQueue(0).TxBurst(TestPools.AllocFrames(pool, 5, _ => new byte[60]));

        b.Dispose();

        Assert.Equal(0, pool.InUse);
        Assert.Equal(5UL, b.GetStatistics().RxMissed);
        a.Dispose();
    }

    [Fact]
    public void PeerClosed_LinkIsDownAndTransmitFreesAndCountsErrors()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        (RingPort a, RingPort b) = RingPort.CreatePair();
        using (a)
        {
            b.Dispose();
            a.Start();

            Assert.False(a.Link.IsUp);
            Assert.Equal(4, a.GetTxQueue(0).TxBurst(TestPools.AllocFrames(pool, 4, _ => new byte[60])));
            Assert.Equal(0, pool.InUse);
            Assert.Equal(4UL, a.GetStatistics().TxErrors);
            Assert.Equal(0UL, a.GetStatistics().TxPackets);
        }
    }

    [Fact]
    public void StoppedPort_NeitherReceivesNorAccepts()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        (RingPort a, RingPort b) = RingPort.CreatePair();
        using (a)
        using (b)
        {
            Packet[] packets = TestPools.AllocFrames(pool, 2, _ => new byte[60]);
            Assert.Equal(0, a.GetTxQueue(0).TxBurst(packets));
            a.Start();
            Assert.Equal(2, a.GetTxQueue(0).TxBurst(packets));
            Assert.Equal(0, b.GetRxQueue(0).RxBurst(new Packet[4]));
        }

        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void Open_TwoEndsOfANamedLinkMeet()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        string spec = $"ring:meet-{Guid.NewGuid():N}";
        using RingPort first = RingPort.Open(spec);
        Assert.False(first.Link.IsUp);
        using RingPort second = RingPort.Open(spec);
        first.Start();
        second.Start();

        Assert.True(first.Link.IsUp);
        Assert.Equal(0, first.End);
        Assert.Equal(1, second.End);
        Assert.Equal(1, second.GetTxQueue(0).TxBurst(TestPools.AllocFrames(pool, 1, _ => TestPools.NumberedFrame(42))));
        var received = new Packet[1];
        Assert.Equal(1, first.GetRxQueue(0).RxBurst(received));
        Assert.Equal(42, BitConverter.ToInt32(received[0].Data));
        pool.Free(received);
    }

    [Fact]
    public void Open_ThirdEnd_Throws()
    {
        string spec = $"ring:full-{Guid.NewGuid():N}";
        using RingPort first = RingPort.Open(spec);
        using RingPort second = RingPort.Open(spec);

        var error = Assert.Throws<InvalidOperationException>(() => RingPort.Open(spec));
        Assert.Contains("Both ends", error.Message);
    }

    [Fact]
    public void Open_AfterAnEndIsDisposed_TakesItsPlace()
    {
        string spec = $"ring:reopen-{Guid.NewGuid():N}";
        using RingPort first = RingPort.Open(spec);
        RingPort second = RingPort.Open(spec);
        second.Dispose();

        using RingPort third = RingPort.Open(spec);

        Assert.Equal(1, third.End);
        Assert.True(first.Link.IsUp);
    }

    [Fact]
    public void Open_AfterBothEndsAreDisposed_CreatesAFreshLinkWithNewOptions()
    {
        string spec = $"ring:fresh-{Guid.NewGuid():N}";
        RingPort.Open(spec).Dispose();

        using RingPort port = RingPort.Open(spec, new RingPortOptions { QueueCount = 4 });

        Assert.Equal(4, port.RxQueueCount);
        Assert.Equal(0, port.End);
    }

    [Fact]
    public void Open_ConcurrentOpensAndDisposes_NeitherDeadlockNorLeak()
    {
        string spec = $"ring:race-{Guid.NewGuid():N}";
        string bothEndsTaken = $"Both ends of ring link '{spec}' are open already; dispose one of its ports before opening it again.";
        var unexpected = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        int opened = 0;
        Thread[] threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                try
                {
                    RingPort.Open(spec).Dispose();
                    Interlocked.Increment(ref opened);
                }
                catch (InvalidOperationException error) when (error.Message == bothEndsTaken)
                {
                    // Both ends were taken by other threads at that moment: the one refusal a race may cause.
                }
                catch (Exception error)
                {
                    unexpected.Enqueue(error);
                }
            }
        })).ToArray();

        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        Assert.All(threads, thread => Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "Opening and disposing named ring ports deadlocked."));
        Assert.Empty(unexpected);
        Assert.True(opened > 0, "no open succeeded");
        using RingPort first = RingPort.Open(spec);
        Assert.Equal(0, first.End);
    }

    [Fact]
    public void Open_WithOtherOptionsThanTheLink_Throws()
    {
        string spec = $"ring:mismatch-{Guid.NewGuid():N}";
        using RingPort first = RingPort.Open(spec, new RingPortOptions { QueueCount = 2 });

        var error = Assert.Throws<InvalidOperationException>(() => RingPort.Open(spec));
        Assert.Contains("2 queues", error.Message);
    }

    [Theory]
    [InlineData("ring:")]
    [InlineData("link0")]
    [InlineData("pcap:link0")]
    public void Open_BadSpec_Throws(string spec)
    {
        var error = Assert.Throws<FormatException>(() => RingPort.Open(spec));
        Assert.Contains("ring:link0", error.Message);
    }

    [Theory]
    [InlineData(0, 1024, "QueueCount")]
    [InlineData(1, 1000, "RingSize")]
    [InlineData(1, 1, "RingSize")]
    public void CreatePair_BadOptions_Throws(int queues, int ringSize, string property)
    {
        var error = Assert.Throws<ArgumentException>(() => RingPort.CreatePair(new RingPortOptions { QueueCount = queues, RingSize = ringSize }));
        Assert.Contains(property, error.Message);
    }

    [Fact]
    public void ProducerAndConsumerThreads_MoveEveryPacketInOrder()
    {
        const int total = 200_000;
        using Mempool.Pools.PacketPool pool = TestPools.Create(count: 2048);
        (RingPort a, RingPort b) = RingPort.CreatePair(new RingPortOptions { RingSize = 256 });
        using (a)
        using (b)
        {
            a.Start();
            b.Start();
            var producer = new Thread(() =>
            {
                var burst = new Packet[32];
                ITxQueue tx = a.GetTxQueue(0);
                int next = 0;
                while (next < total)
                {
                    int n = pool.Alloc(burst.AsSpan(0, Math.Min(32, total - next)));
                    for (int i = 0; i < n; i++)
                    {
                        burst[i].Length = 64;
                        BitConverter.TryWriteBytes(burst[i].Data, next + i);
                    }

                    int sent = 0;
                    while (sent < n)
                    {
                        sent += tx.TxBurst(burst.AsSpan(sent, n - sent));
                    }

                    next += n;
                }
            });
            producer.Start();

            var received = new Packet[32];
            IRxQueue rx = b.GetRxQueue(0);
            int expected = 0;
            while (expected < total)
            {
                int n = rx.RxBurst(received);
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(expected++, BitConverter.ToInt32(received[i].Data));
                }

                pool.Free(received.AsSpan(0, n));
            }

            producer.Join();
            Assert.Equal((ulong)total, b.GetStatistics().RxPackets);
        }

        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void AChainCrossesTheRingAsItIsAndCountsItsWholeLength()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        (RingPort a, RingPort b) = RingPort.CreatePair();
        using (a)
        using (b)
        {
            a.Start();
            b.Start();
            byte[] frame = TestPools.NumberedFrame(5, length: 7000);
            Packet chain = TestPools.AllocChain(pool, frame, 2048);

            Assert.Equal(1, a.GetTxQueue(0).TxBurst([chain]));
            var received = new Packet[4];
            Assert.Equal(1, b.GetRxQueue(0).RxBurst(received));

            Assert.Equal(chain, received[0]);
            Assert.Equal(4, received[0].SegmentCount);
            byte[] bytes = new byte[received[0].Length];
            received[0].CopyTo(bytes);
            Assert.Equal(frame, bytes);
            Assert.Equal(7000UL, a.GetStatistics().TxBytes);
            Assert.Equal(7000UL, b.GetStatistics().RxBytes);
            pool.Free(received.AsSpan(0, 1));
            Assert.Equal(0, pool.InUse);
        }
    }
}
