using System.Buffers.Binary;
using FastPath.Linux.Events;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Ring;

namespace FastPath.Ports.Virtual.Tests.Ring;

public sealed class RingWakeupTests
{
    [Fact]
    public void The_producer_signals_only_after_the_consumer_armed_and_only_once()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        (RingPort a, RingPort b) = RingPort.CreatePair();
        using (a)
        using (b)
        {
            a.Start();
            b.Start();
            IRxQueue rx = b.GetRxQueue(0);
            IWakeSource wake = rx.WakeSource!;
            Assert.True(b.Info.Capabilities.HasFlag(PortCapabilities.WakeSource));
            using var waiter = new EpollWaiter();
            waiter.Add(wake.Handle, 1);
            var ready = new ulong[1];

            // Busy: nobody sleeps, so a burst writes nothing.
            Send(a, pool, 4);
            Assert.Equal(0, waiter.Wait(ready, 0));
            Assert.False(wake.Arm(), "arming with frames in the ring must refuse");
            Send(a, pool, 1);
            Assert.Equal(0, waiter.Wait(ready, 0));
            Drain(rx, 5);

            // Armed on an empty ring: the next burst signals, with its time; the bursts after it do not signal again.
            Assert.True(wake.Arm());
            Assert.Equal(0, waiter.Wait(ready, 0));
            long before = System.Diagnostics.Stopwatch.GetTimestamp();
            Send(a, pool, 2);
            Assert.Equal(1, waiter.Wait(ready, 1000));
            Assert.InRange(wake.ArrivalTimestamp, before, System.Diagnostics.Stopwatch.GetTimestamp());
            wake.Disarm();
            Assert.Equal(0, waiter.Wait(ready, 0));
            Send(a, pool, 3);
            Assert.Equal(0, waiter.Wait(ready, 0));
            Drain(rx, 5);
        }
    }

    [Fact]
    public void A_consumer_that_sleeps_whenever_the_ring_is_empty_misses_no_frame_and_sees_them_in_order()
    {
        const int Frames = 20_000;
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        (RingPort a, RingPort b) = RingPort.CreatePair();
        using (a)
        using (b)
        {
            a.Start();
            b.Start();
            IRxQueue rx = b.GetRxQueue(0);
            IWakeSource wake = rx.WakeSource!;
            using var waiter = new EpollWaiter();
            waiter.Add(wake.Handle, 1);
            // A failed assertion on the producer thread would crash the test host (and every test after it in the
            // assembly); it is kept and rethrown here instead.
            Exception? producerFailure = null;
            var producer = new Thread(() =>
            {
                try
                {
                    Produce();
                }
                catch (Exception exception)
                {
                    Volatile.Write(ref producerFailure, exception);
                }
            });

            void Produce()
            {
                var random = new Random(7);
                var burst = new Packet[8];
                int next = 0;
                while (next < Frames)
                {
                    // The link's ring (1024) holds more than the pool (512): when the consumer sleeps long enough the
                    // producer has every buffer in flight, and a short allocation is the back-pressure to wait on.
                    int n = pool.Alloc(burst.AsSpan(0, Math.Min(random.Next(1, burst.Length + 1), Frames - next)));
                    if (n == 0)
                    {
                        Thread.Yield();
                        continue;
                    }

                    for (int i = 0; i < n; i++)
                    {
                        burst[i].Append(8);
                        BinaryPrimitives.WriteInt32LittleEndian(burst[i].Data, next + i);
                    }

                    int sent = 0;
                    while (sent < n)
                    {
                        sent += a.GetTxQueue(0).TxBurst(burst.AsSpan(sent, n - sent));
                    }

                    next += n;
                    if (random.Next(4) == 0)
                    {
                        Thread.Yield();
                    }
                }
            }

            producer.Start();

            int expected = 0;
            int sleeps = 0;
            var received = new Packet[32];
            var ready = new ulong[1];
            while (expected < Frames && Volatile.Read(ref producerFailure) is null)
            {
                int n = rx.RxBurst(received);
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(expected++, BinaryPrimitives.ReadInt32LittleEndian(received[i].Data));
                }

                pool.Free(received.AsSpan(0, n));
                if (n == 0 && wake.Arm())
                {
                    sleeps++;

                    // The frames still to come will arrive, so a sleep that times out is a lost wake-up.
                    Assert.True(waiter.Wait(ready, 5000) == 1 || Volatile.Read(ref producerFailure) is not null, $"lost wake-up at frame {expected} after {sleeps} sleeps");
                    wake.Disarm();
                }
            }

            producer.Join();
            if (producerFailure is not null)
            {
                throw new InvalidOperationException($"The producer failed after the consumer had {expected} frames in order, with {pool.InUse} of the pool's buffers in use.", producerFailure);
            }

            Assert.True(sleeps > 0, "the consumer never slept, so the race was not exercised");
        }
    }

    private static void Send(RingPort port, Mempool.Pools.PacketPool pool, int count)
    {
        var burst = new Packet[count];
        Assert.Equal(count, pool.Alloc(burst));
        foreach (Packet packet in burst)
        {
            packet.Append(60);
        }

        Assert.Equal(count, port.GetTxQueue(0).TxBurst(burst));
    }

    private static void Drain(IRxQueue rx, int count)
    {
        var burst = new Packet[32];
        int n = rx.RxBurst(burst);
        Assert.Equal(count, n);
        Mempool.Pools.PacketPool.FreeToOwners(burst.AsSpan(0, n));
    }
}
