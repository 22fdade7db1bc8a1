using System.Diagnostics;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Ring;
using FastPath.Traffic.Frames;
using FastPath.Traffic.Generator;
using FastPath.Traffic.Rate;

namespace FastPath.Traffic.Tests.Generator;

public sealed unsafe class TrafficGeneratorPacingTests
{
    [Fact]
    public void APacedGeneratorStampsEachFrameWhenTheRateLetsItGoNotABurstAhead()
    {
        // At 20 kpps a frame may leave every 50 µs. A generator that keeps a full burst of 32 built ahead stamps each
        // frame 31 frame-times (1.55 ms) before it leaves, and latency measured from such stamps counts the
        // generator's own queue. Built as the rate pays for them, frames leave within a frame-time of their stamp;
        // the ring hands them over at once, so receipt time minus stamp is that delay (the median, so that a few
        // frames held up by the JIT's first calls or the scheduler do not decide it).
        const int Frames = 1000;
        using var pool = TestPools.Create();
        (RingPort tx, RingPort rx) = RingPort.CreatePair();
        using (tx)
        using (rx)
        {
            tx.Start();
            rx.Start();
            var generator = new TrafficGenerator(pool, tx.GetTxQueue(0), tx.MacAddress, new GeneratorSettings { Count = Frames, Rate = RateLimit.Parse("20kpps") });
            var burst = new Packet[32];
            var delays = new List<double>(Frames);
            while (delays.Count < Frames)
            {
                generator.Poll();
                int n = rx.GetRxQueue(0).RxBurst(burst);
                long now = Stopwatch.GetTimestamp();
                for (int i = 0; i < n; i++)
                {
                    fixed (byte* frame = burst[i].Data)
                    {
                        Assert.True(ProbeHeader.TryRead(frame + FrameOffsets.Payload, out _, out ulong sequence, out long stamp));
                        Assert.Equal((ulong)delays.Count, sequence);
                        delays.Add(Stopwatch.GetElapsedTime(stamp, now).TotalMicroseconds);
                    }
                }

                pool.Free(burst.AsSpan(0, n));
            }

            double median = delays.Order().ElementAt(Frames / 2);
            Assert.True(median < 500, $"Paced frames left a median {median:0} µs after their stamp (one frame-time is 50 µs): they were built a burst ahead.");
        }

        Assert.Equal(0, pool.InUse);
    }
}
