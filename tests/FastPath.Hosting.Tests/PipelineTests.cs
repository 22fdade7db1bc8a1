using System.Buffers.Binary;
using FastPath.Hosting.Demo;
using FastPath.Mempool.Buffers;
using FastPath.Net;
using FastPath.Ports.Virtual.Ring;
using FastPath.Traffic.Forwarding;
using FastPath.Traffic.Frames;
using FastPath.Traffic.Rate;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastPath.Hosting.Tests;

public sealed class PipelineTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void DemoAtUnlimitedRateLosesNothingAndReturnsEveryBuffer(int lcores)
    {
        DemoResult result = DemoPipeline.Run(new DemoSettings
        {
            Lcores = [.. Enumerable.Range(0, lcores)],
            Duration = TimeSpan.FromSeconds(30),
            Count = 300_000,
            PinThreads = false,
            StatsInterval = TimeSpan.Zero,
        }, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.True(result.Passed, result.Format());
        Assert.Equal(300_000UL, result.Sent);
        Assert.Equal(300_000UL, result.Received.Expected);
        Assert.Equal(0UL, result.Received.Lost);
        Assert.Equal(0UL, result.Received.Duplicates);
        Assert.True(result.AllBuffersReturned);
        Assert.Contains("PASS", result.Format());
    }

    [Fact]
    public void DemoWithImixAndARateLimitStillLosesNothing()
    {
        DemoResult result = DemoPipeline.Run(new DemoSettings
        {
            Lcores = [0, 1],
            Count = 20_000,
            Sizes = FrameSizes.Imix(),
            Rate = RateLimit.Parse("200kpps"),
            PinThreads = false,
            StatsInterval = TimeSpan.Zero,
        }, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.True(result.Passed, result.Format());
        Assert.InRange(result.Elapsed.TotalSeconds, 0.09, 10);
    }

    [Fact]
    public void DemoStopsOnCancellationAndStillDrains()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        DemoResult result = DemoPipeline.Run(new DemoSettings { Lcores = [0, 1], Duration = TimeSpan.Zero, PinThreads = false, StatsInterval = TimeSpan.Zero },
            NullLoggerFactory.Instance, stop.Token);
        Assert.True(result.Passed, result.Format());
    }

    [Fact]
    public void DemoRefusesTooManyLcores() =>
        Assert.Throws<UsageException>(() => DemoPipeline.Run(new DemoSettings { Lcores = [0, 1, 2] }, NullLoggerFactory.Instance, CancellationToken.None));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ForwarderRewritesMacsUnlessToldNot(bool macUpdating)
    {
        using var pool = TestPools.Create();
        (RingPort source, RingPort in0) = RingPort.CreatePair();
        (RingPort out1, RingPort sink) = RingPort.CreatePair();
        RingPort[] ports = [source, in0, out1, sink];
        foreach (RingPort port in ports)
        {
            port.Start();
        }

        var counters = new ForwardingCounters(2);
        var forwarder = new L2Forwarder([new ForwardingRoute(0, in0.GetRxQueue(0), 1, out1.GetTxQueue(0), out1.MacAddress)], counters, macUpdating);
        Packet[] frames = new Packet[3];
        Assert.Equal(3, pool.Alloc(frames));
        foreach (Packet frame in frames)
        {
            frame.Length = 60;
            frame.Data.Fill(0xAB);
        }

        Assert.Equal(3, source.GetTxQueue(0).TxBurst(frames));
        forwarder.Poll();
        forwarder.Finish();
        Packet[] received = new Packet[4];
        Assert.Equal(3, sink.GetRxQueue(0).RxBurst(received));
        foreach (Packet frame in received.AsSpan(0, 3))
        {
            Span<byte> data = frame.Data;
            if (macUpdating)
            {
                Assert.Equal(new MacAddress(0x02_00_00_00_00_01), new MacAddress(data[..6]));
                Assert.Equal(out1.MacAddress, new MacAddress(data[6..12]));
            }
            else
            {
                Assert.True(data[..12].ToArray().All(b => b == 0xAB));
            }

            Assert.Equal(0xAB, data[12]);
        }

        pool.Free(received.AsSpan(0, 3));
        Assert.Equal(3UL, counters.RxPackets(0));
        Assert.Equal(3UL, counters.TxPackets(1));
        Assert.Equal(180UL, counters.TxBytes(1));
        foreach (RingPort port in ports)
        {
            port.Dispose();
        }

        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void ForwarderDropsAndCountsWhatAFullRingRefuses()
    {
        using var pool = TestPools.Create();
        (RingPort source, RingPort in0) = RingPort.CreatePair(new RingPortOptions { RingSize = 64 });
        (RingPort out1, RingPort sink) = RingPort.CreatePair(new RingPortOptions { RingSize = 16 });
        RingPort[] ports = [source, in0, out1, sink];
        foreach (RingPort port in ports)
        {
            port.Start();
        }

        var counters = new ForwardingCounters(2);
        var forwarder = new L2Forwarder([new ForwardingRoute(0, in0.GetRxQueue(0), 1, out1.GetTxQueue(0), out1.MacAddress)], counters);
        Packet[] frames = new Packet[32];
        Assert.Equal(32, pool.Alloc(frames));
        foreach (Packet frame in frames)
        {
            frame.Length = 64;
        }

        source.GetTxQueue(0).TxBurst(frames);
        forwarder.Poll();
        Assert.Equal(32UL, counters.RxPackets(0));
        Assert.Equal(16UL, counters.TxPackets(1));
        Assert.Equal(16UL, counters.Dropped(1));
        foreach (RingPort port in ports)
        {
            port.Dispose();
        }

        Assert.Equal(0, pool.InUse);
    }
}
