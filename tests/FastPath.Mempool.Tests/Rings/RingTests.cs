using FastPath.Mempool.Rings;

namespace FastPath.Mempool.Tests.Rings;

public sealed class RingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12)]
    public void Size_must_be_a_power_of_two(int size)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Ring(size));
        Assert.Contains("power of two", error.Message);
    }

    [Theory]
    [InlineData(RingSync.Single, RingSync.Single)]
    [InlineData(RingSync.Multi, RingSync.Multi)]
    public void Bulk_moves_all_or_nothing(RingSync producers, RingSync consumers)
    {
        using var ring = new Ring(8, producers, consumers);
        Assert.Equal(6, ring.EnqueueBulk(Values(1, 6)));
        Assert.Equal(0, ring.EnqueueBulk(Values(7, 3)));
        Assert.Equal(6, ring.Count);
        Assert.Equal(2, ring.EnqueueBulk(Values(7, 2)));
        Assert.Equal(0, ring.FreeCount);

        var output = new nint[5];
        Assert.Equal(5, ring.DequeueBulk(output));
        Assert.Equal(Values(1, 5), output);
        Assert.Equal(0, ring.DequeueBulk(new nint[4]));
        Assert.Equal(3, ring.Count);
    }

    [Theory]
    [InlineData(RingSync.Single, RingSync.Single)]
    [InlineData(RingSync.Multi, RingSync.Multi)]
    public void Burst_moves_as_many_as_possible(RingSync producers, RingSync consumers)
    {
        using var ring = new Ring(4, producers, consumers);
        Assert.Equal(4, ring.EnqueueBurst(Values(1, 6)));
        Assert.Equal(0, ring.EnqueueBurst(Values(9, 1)));
        var output = new nint[6];
        Assert.Equal(4, ring.DequeueBurst(output));
        Assert.Equal(Values(1, 4), output[..4]);
        Assert.Equal(0, ring.DequeueBurst(output));
    }

    [Fact]
    public void Wraps_around_keeping_fifo_order()
    {
        using var ring = new Ring(8, RingSync.Single, RingSync.Single);
        nint next = 1, expected = 1;
        var output = new nint[5];
        for (int round = 0; round < 100; round++)
        {
            Assert.Equal(5, ring.EnqueueBulk(Values(next, 5)));
            next += 5;
            Assert.Equal(5, ring.DequeueBulk(output));
            Assert.Equal(Values(expected, 5), output);
            expected += 5;
        }
    }

    [Theory]
    [InlineData(RingSync.Multi, RingSync.Multi, 4, 4)]
    [InlineData(RingSync.Multi, RingSync.Single, 4, 1)]
    [InlineData(RingSync.Single, RingSync.Multi, 1, 4)]
    [InlineData(RingSync.Single, RingSync.Single, 1, 1)]
    public void Every_element_arrives_exactly_once_under_concurrent_threads(RingSync producerSync, RingSync consumerSync, int producers, int consumers)
    {
        const int perProducer = 200_000;
        using var ring = new Ring(1024, producerSync, consumerSync);
        int total = producers * perProducer;
        var seen = new int[total + 1];
        long consumed = 0;
        var threads = new List<Thread>();
        for (int p = 0; p < producers; p++)
        {
            int producer = p;
            threads.Add(new Thread(() =>
            {
                var random = new Random(producer);
                var batch = new nint[32];
                int sent = 0;
                while (sent < perProducer)
                {
                    int n = Math.Min(random.Next(1, 33), perProducer - sent);
                    for (int i = 0; i < n; i++)
                    {
                        batch[i] = producer * perProducer + sent + i + 1;
                    }

                    bool bulk = random.Next(2) == 0;
                    int done = bulk ? ring.EnqueueBulk(batch.AsSpan(0, n)) : ring.EnqueueBurst(batch.AsSpan(0, n));
                    Assert.True(done == 0 || !bulk || done == n);
                    sent += done;
                    if (done == 0)
                    {
                        Thread.Yield();
                    }
                }
            }));
        }

        for (int c = 0; c < consumers; c++)
        {
            int consumer = c;
            threads.Add(new Thread(() =>
            {
                var random = new Random(1000 + consumer);
                var batch = new nint[32];
                while (Interlocked.Read(ref consumed) < total)
                {
                    int n = random.Next(1, 33);
                    int got = random.Next(2) == 0 ? ring.DequeueBulk(batch.AsSpan(0, n)) : ring.DequeueBurst(batch.AsSpan(0, n));
                    for (int i = 0; i < got; i++)
                    {
                        Interlocked.Increment(ref seen[batch[i]]);
                    }

                    Interlocked.Add(ref consumed, got);
                    if (got == 0)
                    {
                        Thread.Yield();
                    }
                }
            }));
        }

        threads.ForEach(t => t.Start());
        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromMinutes(2)), "a ring thread hung"));
        Assert.Equal(total, Interlocked.Read(ref consumed));
        Assert.Equal(0, seen[0]);
        Assert.All(seen.AsSpan(1).ToArray(), count => Assert.Equal(1, count));
        Assert.Equal(0, ring.Count);
    }

    [Fact]
    public void Single_producer_single_consumer_keeps_order_across_threads()
    {
        const int count = 500_000;
        using var ring = new Ring(256, RingSync.Single, RingSync.Single);
        var producer = new Thread(() =>
        {
            var batch = new nint[32];
            for (int next = 1; next <= count;)
            {
                int n = Math.Min(32, count - next + 1);
                for (int i = 0; i < n; i++)
                {
                    batch[i] = next + i;
                }

                next += ring.EnqueueBurst(batch.AsSpan(0, n));
            }
        });
        producer.Start();
        var output = new nint[32];
        nint expected = 1;
        while (expected <= count)
        {
            int got = ring.DequeueBurst(output);
            for (int i = 0; i < got; i++)
            {
                Assert.Equal(expected++, output[i]);
            }
        }

        producer.Join();
    }

    private static nint[] Values(nint first, int count) => Enumerable.Range(0, count).Select(i => first + i).ToArray();
}
