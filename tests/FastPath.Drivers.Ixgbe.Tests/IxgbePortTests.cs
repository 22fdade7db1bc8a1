using FastPath.Drivers.Intel.Rss;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Intel.Tx;
using FastPath.Drivers.Ixgbe.Model;
using FastPath.Drivers.Ixgbe.Registers;
using FastPath.Drivers.Ixgbe.Rss;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using FastPath.Testing;

namespace FastPath.Drivers.Ixgbe.Tests;

public class IxgbePortTests
{
    private static readonly IxgbePortOptions Jumbo = new() { MaxFrameSize = 9018 };

    [Fact]
    public void InitializesAndBringsLinkUp()
    {
        using var pair = new SimulatedPair();
        Assert.True(pair.PortA.Link.IsUp);
        Assert.Equal(10_000, pair.PortB.Link.SpeedMbps);
        Assert.Equal("02:00:00:00:99:01", pair.PortA.MacAddress.ToString());
    }

    [Fact]
    public void SendsAndReceivesOneFrame()
    {
        using var pair = new SimulatedPair();
        Packet frame = pair.Frame(100);
        byte[] sent = frame.Data.ToArray();
        Assert.Equal(1, pair.PortA.GetTxQueue(0).TxBurst([frame]));
        List<Packet> received = pair.Receive(1);
        Assert.Single(received);
        Assert.Equal(sent, received[0].Data.ToArray());
        Assert.True(received[0].Flags.HasFlag(PacketFlags.IpChecksumGood));
        pair.RxPoolB.Free([.. received]);
    }

    [Fact]
    public void CarriesEveryFrameSizeFrom60To9018WithJumbo()
    {
        using var pair = new SimulatedPair(Jumbo, Jumbo, poolSize: 1024, dataRoom: PacketLayout.JumboDataRoom, receivePoolSize: 1024);
        for (int length = 60; length <= 9018; length += 32)
        {
            var burst = new Packet[Math.Min(32, (9018 - length) / 1 + 1)];
            for (int i = 0; i < burst.Length; i++)
            {
                burst[i] = pair.Frame(Math.Min(length + i, 9018));
            }

            int expectedBytes = burst.Sum(p => p.Length);
            Assert.Equal(burst.Length, pair.PortA.GetTxQueue(0).TxBurst(burst));
            List<Packet> received = pair.Receive(burst.Length);
            Assert.Equal(burst.Length, received.Count);
            Assert.Equal(expectedBytes, received.Sum(p => p.Length));
            pair.RxPoolB.Free([.. received]);
        }

        Assert.Equal(0UL, pair.PortB.GetStatistics().RxErrors);
    }

    [Fact]
    public void ReadingTheCountersAllocatesNothing_AndMatchesTheSnapshot()
    {
        using var pair = new SimulatedPair(new IxgbePortOptions(), new IxgbePortOptions());
        Packet[] burst = [pair.Frame(60), pair.Frame(61), pair.Frame(62)];
        Assert.Equal(3, pair.PortA.GetTxQueue(0).TxBurst(burst));
        List<Packet> received = pair.Receive(3);
        pair.RxPoolB.Free([.. received]);

        Span<QueueStatistics> queues = stackalloc QueueStatistics[4];
        pair.PortB.ReadStatistics(queues);
        long before = GC.GetAllocatedBytesForCurrentThread();
        PortCounters counters = default;
        for (int i = 0; i < 100; i++)
        {
            counters = pair.PortB.ReadStatistics(queues);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        PortStatistics snapshot = pair.PortB.GetStatistics();
        Assert.Equal(3UL, counters.RxPackets);
        Assert.Equal(snapshot.RxBytes, counters.RxBytes);
        Assert.Equal(snapshot.Queues.Count, counters.QueueCount);
        Assert.Equal(snapshot.Queues[0], queues[0]);
    }

    [Fact]
    public void WrapsRingsManyTimes()
    {
        using var pair = new SimulatedPair(new IxgbePortOptions { Rx = new RxQueueOptions { RingSize = 64, RefillBatch = 16 }, Tx = new TxQueueOptions { RingSize = 64, ReportStatusThreshold = 8, FreeThreshold = 16 } },
            new IxgbePortOptions { Rx = new RxQueueOptions { RingSize = 64, RefillBatch = 16 } });
        int total = 0;
        for (int round = 0; round < 200; round++)
        {
            var burst = new Packet[17];
            for (int i = 0; i < burst.Length; i++)
            {
                burst[i] = pair.Frame(64 + i);
            }

            Assert.Equal(burst.Length, pair.PortA.GetTxQueue(0).TxBurst(burst));
            List<Packet> received = pair.Receive(burst.Length);
            Assert.Equal(burst.Select(p => 64 + Array.IndexOf(burst, p)), received.Select(p => p.Length));
            total += received.Count;
            pair.RxPoolB.Free([.. received]);
        }

        Assert.Equal(200 * 17, total);
        Assert.Equal((ulong)total, pair.PortB.GetStatistics().RxPackets);
    }

    [Fact]
    public void ExhaustedPoolDropsAndCountsWithoutLeaking()
    {
        var options = new IxgbePortOptions { Rx = new RxQueueOptions { RingSize = 64, RefillBatch = 16 } };
        using var pair = new SimulatedPair(null, options, receivePoolSize: 96);
        var held = new List<Packet>();
        for (int round = 0; round < 10; round++)
        {
            var burst = new Packet[32];
            for (int i = 0; i < burst.Length; i++)
            {
                burst[i] = pair.Frame(80);
            }

            pair.PortA.GetTxQueue(0).TxBurst(burst);
            held.AddRange(pair.Receive(32));
        }

        var statistics = pair.PortB.GetStatistics();
        Assert.True(statistics.RxMissed > 0, "frames beyond the buffers must be counted as missed");
        Assert.True(statistics.RxNoBuffer > 0, "failed refills must be counted");
        Assert.Equal(320UL, (ulong)held.Count + statistics.RxMissed);
        pair.RxPoolB.Free([.. held]);

        // The next poll re-arms the ring from the replenished pool; only then can the device deliver again.
        Assert.Equal(0, pair.PortB.GetRxQueue(0).RxBurst(new Packet[32]));
        var more = pair.Frame(90);
        pair.PortA.GetTxQueue(0).TxBurst([more]);
        List<Packet> after = pair.Receive(1);
        Assert.Single(after);
        pair.RxPoolB.Free([.. after]);
    }

    [Fact]
    public void FullTransmitRingPushesBackWithoutLosingFrames()
    {
        var options = new IxgbePortOptions { Tx = new TxQueueOptions { RingSize = 64, ReportStatusThreshold = 8, FreeThreshold = 8 } };
        using var pair = new SimulatedPair(options);
        pair.DeviceA.Model.EnginePaused = true;
        var pending = new Queue<Packet>();
        for (int i = 0; i < 200; i++)
        {
            pending.Enqueue(pair.Frame(70));
        }

        int accepted = 0, rejected = 0, received = 0;
        while (pending.Count > 0)
        {
            Packet[] burst = [.. pending.Take(32)];
            int n = pair.PortA.GetTxQueue(0).TxBurst(burst);
            accepted += n;
            rejected += burst.Length - n;
            for (int i = 0; i < n; i++)
            {
                pending.Dequeue();
            }

            if (n < burst.Length)
            {
                pair.DeviceA.Model.Advance();
                List<Packet> got = pair.Receive(int.MaxValue);
                received += got.Count;
                pair.RxPoolB.Free([.. got]);
            }
        }

        pair.DeviceA.Model.Advance();
        List<Packet> rest = pair.Receive(int.MaxValue);
        received += rest.Count;
        pair.RxPoolB.Free([.. rest]);
        Assert.True(rejected > 0, "a 64-descriptor ring must push back");
        Assert.Equal(200, accepted);
        Assert.Equal(200, received);
    }

    [Fact]
    public void RssSpreadsFlowsAsTheHashPredicts()
    {
        var rss = new IxgbePortOptions { RxQueues = 4 };
        using var pair = new SimulatedPair(null, rss);
        var perQueue = new int[4];
        for (ushort flow = 0; flow < 256; flow++)
        {
            Packet frame = pair.Frame(128, (ushort)(1000 + flow), 53, 0x0A000100u + flow * 7919u);
            byte[] input = [.. frame.Data.Slice(26, 8), .. frame.Data.Slice(34, 4)];
            uint hash = ToeplitzHash.Compute(ToeplitzHash.VerificationKey, input);
            int queue = RssConfiguration.QueueOf(hash, 4);
            pair.PortA.GetTxQueue(0).TxBurst([frame]);
            List<Packet> received = pair.Receive(1, queue);
            Assert.Single(received);
            Assert.Equal(hash, received[0].Metadata.RssHash);
            Assert.Equal(queue, received[0].Metadata.Queue);
            Assert.True(received[0].Flags.HasFlag(PacketFlags.RssHash));
            perQueue[queue]++;
            pair.RxPoolB.Free([.. received]);
        }

        Assert.All(perQueue, count => Assert.True(count > 0));
    }

    [Fact]
    public void HardwareStatisticsMatchFramesSent()
    {
        using var pair = new SimulatedPair();
        var burst = new Packet[20];
        for (int i = 0; i < burst.Length; i++)
        {
            burst[i] = pair.Frame(100 + i);
        }

        int bytes = burst.Sum(p => p.Length);
        pair.PortA.GetTxQueue(0).TxBurst(burst);
        List<Packet> received = pair.Receive(20);
        pair.RxPoolB.Free([.. received]);
        var sent = pair.PortA.GetHardwareStatistics();
        var got = pair.PortB.GetHardwareStatistics();
        Assert.Equal(20UL, sent.GoodPacketsTransmitted);
        Assert.Equal((ulong)(bytes + 20 * 4), sent.GoodOctetsTransmitted);
        Assert.Equal(20UL, got.GoodPacketsReceived);
        Assert.Equal(20UL, got.QueuePacketsReceived[0]);
        Assert.Equal(20UL, pair.PortB.GetHardwareStatistics().GoodPacketsReceived);
    }

    [Fact]
    public void CountsCrcAndLengthErrors()
    {
        using var pair = new SimulatedPair();
        pair.DeviceA.Model.Cable!.CorruptNextFrames(3);
        var burst = new Packet[4];
        for (int i = 0; i < burst.Length; i++)
        {
            burst[i] = pair.Frame(200);
        }

        pair.PortA.GetTxQueue(0).TxBurst(burst);
        Packet tooLong = pair.Frame(1600);
        pair.PortA.GetTxQueue(0).TxBurst([tooLong]);
        List<Packet> received = pair.Receive(1);
        Assert.Single(received);
        pair.RxPoolB.Free([.. received]);
        var statistics = pair.PortB.GetHardwareStatistics();
        Assert.Equal(3UL, statistics.CrcErrors);
        Assert.Equal(1UL, statistics.OversizeFrames);
    }

    public static TheoryData<bool, bool> ChecksumKinds => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(ChecksumKinds))]
    public void ChecksumOffloadSeedsThePseudoHeaderSoTheDeviceSumIsValid(bool ipv6, bool tcp)
    {
        using var pair = new SimulatedPair();
        Assert.True(pair.TxPool.TryAlloc(out Packet frame));
        Span<byte> destination = stackalloc byte[6], source = stackalloc byte[6];
        pair.PortB.MacAddress.CopyTo(destination);
        pair.PortA.MacAddress.CopyTo(source);
        ChecksumFrames.Write(frame, 300, ipv6, tcp, destination, source);
        Assert.False(ChecksumFrames.L4ChecksumValid(frame.Data));
        byte[] sent = frame.Data.ToArray();

        Assert.Equal(1, pair.PortA.GetTxQueue(0).TxBurst([frame]));
        List<Packet> received = pair.Receive(1);

        Assert.Single(received);
        byte[] bytes = received[0].Data.ToArray();
        Assert.True(ChecksumFrames.L4ChecksumValid(bytes), "the TCP/UDP checksum that arrived does not verify");
        Assert.True(ipv6 || ChecksumFrames.Ipv4ChecksumValid(bytes), "the IPv4 header checksum that arrived does not verify");
        int field = ChecksumFrames.L4ChecksumOffset(ipv6, tcp);
        bytes[field] = bytes[field + 1] = sent[field] = sent[field + 1] = 0;
        if (!ipv6)
        {
            bytes[24] = bytes[25] = sent[24] = sent[25] = 0;
        }

        Assert.Equal(sent, bytes);
        PacketFlags checks = PacketFlags.IpChecksumGood | PacketFlags.L4ChecksumGood | PacketFlags.IpChecksumBad | PacketFlags.L4ChecksumBad;
        Assert.Equal(ipv6 ? PacketFlags.L4ChecksumGood : PacketFlags.IpChecksumGood | PacketFlags.L4ChecksumGood, received[0].Flags & checks);
        pair.RxPoolB.Free([.. received]);
    }

    [Fact]
    public void IdleQueueSleepsOnItsInterruptAndWakesOnTraffic()
    {
        var idle = new IxgbePortOptions { IdleInterruptThreshold = TimeSpan.FromMilliseconds(1), InterruptThrottle = TimeSpan.Zero };
        using var pair = new SimulatedPair(null, idle);
        InterruptibleRxQueue<ModelRegisters> queue = pair.PortB.GetInterruptibleRxQueue(0);
        var burst = new Packet[32];
        Assert.Equal(0, queue.RxBurst(burst));
        Thread.Sleep(5);
        Packet frame = pair.Frame(100);
        using var sender = new Timer(_ => pair.PortA.GetTxQueue(0).TxBurst([frame]), null, 50, Timeout.Infinite);
        Assert.True(queue.WaitWhenIdle(TimeSpan.FromSeconds(10)));
        Assert.Equal(1UL, queue.InterruptWakeups);
        Assert.Equal(1, queue.RxBurst(burst));
        pair.RxPoolB.Free(burst.AsSpan(0, 1));

        // Idle again, nothing comes: the wait times out.
        Assert.Equal(0, queue.RxBurst(burst));
        Thread.Sleep(5);
        Assert.True(queue.WaitWhenIdle(TimeSpan.FromMilliseconds(20)));
        Assert.Equal(2UL, queue.Sleeps);
        Assert.Equal(1UL, queue.InterruptWakeups);
    }

    [Fact]
    public void DmaHappensOnTheEngineThreadAfterTheDoorbell()
    {
        using var pair = new SimulatedPair();
        pair.DeviceA.Model.EnginePaused = true;
        pair.PortA.GetTxQueue(0).TxBurst([pair.Frame(100)]);
        uint tail = pair.DeviceA.Model.ReadRegister(IxgbeRegister.TxTail(0));
        // The doorbell rang, but a held engine fetched nothing: no synchronous DMA on the driver's thread.
        Assert.NotEqual(tail, pair.DeviceA.Model.ReadRegister(IxgbeRegister.TxHead(0)));
        Assert.Equal(0UL, pair.DeviceA.Model.FramesSent);
        pair.DeviceA.Model.EnginePaused = false;
        Assert.True(pair.DeviceA.Model.WaitUntilIdle(TimeSpan.FromSeconds(10)));
        Assert.Equal(tail, pair.DeviceA.Model.ReadRegister(IxgbeRegister.TxHead(0)));
        Assert.Equal(1UL, pair.DeviceA.Model.FramesSent);
        List<Packet> received = pair.Receive(1);
        Assert.Single(received);
        pair.RxPoolB.Free([.. received]);
    }

    [Fact]
    public void ClosingThePortStopsTheDmaEngineThread()
    {
        var pair = new SimulatedPair();
        Assert.True(pair.DeviceA.Model.IsEngineRunning);
        Assert.True(pair.DeviceB.Model.IsEngineRunning);
        pair.Dispose();
        Assert.False(pair.DeviceA.Model.IsEngineRunning);
        Assert.False(pair.DeviceB.Model.IsEngineRunning);
    }

    /// <summary>
    /// The port's own close, with traffic in flight and receive descriptors armed, while B's DMA engine keeps
    /// prefetching: no access reaches released memory. The same check catches each deliberately misordered teardown
    /// below, so it can fail.
    /// </summary>
    [Fact]
    public void ShutdownStopsDmaBeforeMemoryIsReleased()
    {
        IReadOnlyList<DmaViolation> violations = TearDownUnderTraffic(pair => pair.PortB.Dispose());
        Assert.Empty(violations);
    }

    [Fact]
    public void TeardownCheckCatchesRingsFreedBeforeTheQueuesAreDisabled()
    {
        // Wrong order: the receive ring is freed (unmapped) first, then the port stops as usual.
        IReadOnlyList<DmaViolation> violations = TearDownUnderTraffic(pair =>
        {
            pair.PortB.GetInterruptibleRxQueue(0).Ring.Dispose();
            pair.PortB.Dispose();
        });
        Assert.Contains(violations, v => v.Reason.Contains("RX queue 0 descriptor", StringComparison.Ordinal) && v.Reason.Contains("unmapped", StringComparison.Ordinal));
    }

    [Fact]
    public void TeardownCheckCatchesRingsFreedWhileTheEngineRuns()
    {
        // Wrong order: the ring goes while the queue is enabled and bus mastering on, and the port is not stopped yet;
        // the engine's own prefetch, on its thread, finds the ring gone.
        IReadOnlyList<DmaViolation> violations = TearDownUnderTraffic(pair =>
        {
            pair.PortB.GetInterruptibleRxQueue(0).Ring.Dispose();
            Assert.True(pair.DeviceB.Model.WaitUntilIdle(TimeSpan.FromSeconds(10)));
        });
        Assert.Contains(violations, v => v.Reason.Contains("RX queue 0 descriptor prefetch into unmapped", StringComparison.Ordinal));
    }

    [Fact]
    public void TeardownCheckCatchesBuffersReturnedBeforeTheQueuesAreDisabled()
    {
        // Wrong order: the ring's buffers go back to the pool and the pool is released while the queue is enabled.
        IReadOnlyList<DmaViolation> violations = TearDownUnderTraffic(pair =>
        {
            pair.PortB.GetInterruptibleRxQueue(0).Ring.ReleaseBuffers();
            pair.RxPoolB.Dispose();
        });
        Assert.Contains(violations, v => v.Reason.Contains("RX queue 0 frame write into unmapped", StringComparison.Ordinal));
    }

    /// <summary>
    /// Carries traffic A → B, leaves frames unreceived and descriptors armed on B, runs <paramref name="teardown"/> on
    /// B, sends more frames, waits for both DMA engines, and returns what B's IOMMU refused. Then closes everything.
    /// </summary>
    private static IReadOnlyList<DmaViolation> TearDownUnderTraffic(Action<SimulatedPair> teardown)
    {
        var pair = new SimulatedPair(null, new IxgbePortOptions { Rx = new RxQueueOptions { RingSize = 64, RefillBatch = 16 } });
        try
        {
            pair.PortA.GetTxQueue(0).TxBurst([.. Enumerable.Range(0, 40).Select(_ => pair.Frame(100))]);
            List<Packet> received = pair.Receive(40);
            Assert.Equal(40, received.Count);
            pair.RxPoolB.Free([.. received]);
            pair.PortA.GetTxQueue(0).TxBurst([.. Enumerable.Range(0, 10).Select(_ => pair.Frame(100))]);
            Assert.True(pair.DeviceA.Model.WaitUntilIdle(TimeSpan.FromSeconds(10)));

            teardown(pair);
            pair.PortA.GetTxQueue(0).TxBurst([.. Enumerable.Range(0, 10).Select(_ => pair.Frame(100))]);
            Assert.True(pair.DeviceA.Model.WaitUntilIdle(TimeSpan.FromSeconds(10)));
            Assert.True(pair.DeviceB.Model.WaitUntilIdle(TimeSpan.FromSeconds(10)));
            return pair.DeviceB.Model.Violations;
        }
        finally
        {
            pair.PortA.Dispose();
            pair.PortB.Dispose();
            Assert.False(pair.DeviceB.Model.IsEngineRunning);
            Assert.Equal(pair.TxPool.Capacity, pair.TxPool.Available);
            pair.TxPool.Dispose();
            pair.RxPoolA.Dispose();
            pair.RxPoolB.Dispose();
            Assert.Equal(0, pair.DeviceB.Iommu.MappingCount);
        }
    }
}
