using System.Diagnostics;
using FastPath.Mempool.Buffers;
using FastPath.Net;
using FastPath.Ports.Virtual.AfPacket;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.Tests.AfPacket;

public sealed class AfPacketPortTests
{
    private static readonly TimeSpan s_receiveTimeout = TimeSpan.FromSeconds(10);

    [NetworkNamespaceFact]
    public void FramesSentOnOneEndArriveOnTheOtherByteForByte()
    {
        using var link = new VethLink();
        using Mempool.Pools.PacketPool pool = TestPools.Create(count: 1024);
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool));
        using AfPacketPort right = link.Right.Run(() => new AfPacketPort(VethLink.RightInterface, pool, new AfPacketPortOptions { PortId = 9 }));
        left.Start();
        right.Start();
        byte[][] frames = Enumerable.Range(0, 200).Select(i => TestFrames.Udp(i, flow: 1, length: 60 + i * 7 % 1455)).ToArray();

        Send(left, 0, pool, frames);
        List<byte[]> received = ReceiveTestFrames(right, 0, pool, frames.Length, out List<Packet> _);

        Assert.Equal(frames.Length, received.Count);
        for (int i = 0; i < frames.Length; i++)
        {
            Assert.Equal(frames[i], received[i]);
        }

        ulong bytes = (ulong)frames.Sum(f => f.Length);
        PortStatistics sent = left.GetStatistics();
        Assert.Equal((ulong)frames.Length, sent.TxPackets);
        Assert.Equal(bytes, sent.TxBytes);
        Assert.Equal(0UL, sent.TxErrors);
        Assert.True(right.GetStatistics().RxBytes >= bytes);
        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void VlanTaggedFrames_ArriveWithTheirTag()
    {
        using var link = new VethLink();
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool, new AfPacketPortOptions { QueueCount = 2 }));
        using AfPacketPort right = link.Right.Run(() => new AfPacketPort(VethLink.RightInterface, pool));
        left.Start();
        right.Start();
        byte[][] frames = [TestFrames.Udp(1, 1, 200), TestFrames.Udp(2, 1, 1514)];
        byte[][] tagged = frames.Select(frame => (byte[])[.. frame[..12], 0x81, 0x00, 0x20, 0x2A, .. frame[12..]]).ToArray();

        Send(left, 1, pool, tagged);
        List<byte[]> received = ReceiveTaggedTestFrames(right, pool, tagged.Length);

        Assert.Equal(tagged, received);
        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void ReceivedFrames_CarryPortQueueAndTimestamp()
    {
        using var link = new VethLink();
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool));
        using AfPacketPort right = link.Right.Run(() => new AfPacketPort(VethLink.RightInterface, pool, new AfPacketPortOptions { PortId = 9 }));
        left.Start();
        right.Start();
        ulong before = (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

        Send(left, 0, pool, [TestFrames.Udp(1, 1, 100)]);
        ReceiveTestFrames(right, 0, pool, 1, out List<Packet> kept, keep: true);

        Packet packet = Assert.Single(kept);
        Assert.Equal(9, packet.Port);
        Assert.True(packet.Flags.HasFlag(PacketFlags.Timestamp));
        Assert.InRange(packet.Metadata.Timestamp, before - 1_000_000_000, before + 60_000_000_000);
        pool.Free(packet);
    }

    [NetworkNamespaceFact]
    public void Fanout_SpreadsFlowsOverQueuesAndKeepsEachFlowOnOne()
    {
        using var link = new VethLink();
        using Mempool.Pools.PacketPool pool = TestPools.Create(count: 1024);
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool));
        using AfPacketPort right = link.Right.Run(() => new AfPacketPort(VethLink.RightInterface, pool, new AfPacketPortOptions { QueueCount = 2 }));
        left.Start();
        right.Start();
        SendFlowsAndCheckFanout(left, right, pool);
    }

    [NetworkNamespaceFact]
    public void Reconfigured_between_stop_and_start_the_port_fans_out_over_its_new_queues()
    {
        using var link = new VethLink();
        using Mempool.Pools.PacketPool pool = TestPools.Create(count: 1024);
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool));
        using AfPacketPort right = link.Right.Run(() => new AfPacketPort(VethLink.RightInterface, pool));
        IPort port = right;
        Assert.Equal(1, port.Configuration.RxQueues);
        port.Start();
        Assert.Throws<InvalidOperationException>(() => port.Configure(port.Configuration with { RxQueues = 2, TxQueues = 2 }));
        port.Stop();
        Assert.Contains("give as many RX as TX queues", Assert.Throws<ArgumentOutOfRangeException>(() => port.Configure(port.Configuration with { RxQueues = 2 })).Message);
        link.Right.Run(() => port.Configure(port.Configuration with { RxQueues = 2, TxQueues = 2 }));
        Assert.Equal((2, 2), (port.RxQueueCount, port.TxQueueCount));
        left.Start();
        port.Start();
        SendFlowsAndCheckFanout(left, right, pool);
    }

    private static void SendFlowsAndCheckFanout(AfPacketPort left, AfPacketPort right, Mempool.Pools.PacketPool pool)
    {
        const int flows = 64;
        const int perFlow = 4;
        byte[][] frames = Enumerable.Range(0, flows * perFlow).Select(i => TestFrames.Udp(i, flow: i % flows, length: 128)).ToArray();

        Send(left, 0, pool, frames);
        var queueOfFlow = new Dictionary<int, int>();
        var perQueue = new int[2];
        var sequences = new HashSet<int>();
        var burst = new Packet[32];
        var deadline = Stopwatch.StartNew();
        while (sequences.Count < frames.Length && deadline.Elapsed < s_receiveTimeout)
        {
            for (int queue = 0; queue < 2; queue++)
            {
                right.WaitForReceive(queue, TimeSpan.FromMilliseconds(5));
                int n = right.GetRxQueue(queue).RxBurst(burst);
                foreach (Packet packet in burst.AsSpan(0, n))
                {
                    if (TestFrames.IsTestFrame(packet.Data))
                    {
                        int flow = TestFrames.Flow(packet.Data);
                        Assert.Equal(queue, queueOfFlow.GetValueOrDefault(flow, queue));
                        queueOfFlow[flow] = queue;
                        Assert.True(sequences.Add(TestFrames.Sequence(packet.Data)));
                        Assert.Equal(frames[TestFrames.Sequence(packet.Data)], packet.Data.ToArray());
                        perQueue[queue]++;
                    }
                }

                pool.Free(burst.AsSpan(0, n));
            }
        }

        Assert.Equal(frames.Length, sequences.Count);
        Assert.All(perQueue, count => Assert.True(count > 0, $"Fanout left a queue empty: {perQueue[0]} / {perQueue[1]} frames."));
        PortStatistics statistics = right.GetStatistics();
        Assert.Equal(2, statistics.Queues.Count);
        Assert.True(statistics.Queues[0].RxPackets >= (ulong)perQueue[0] && statistics.Queues[1].RxPackets >= (ulong)perQueue[1]);
    }

    [NetworkNamespaceFact]
    public void FullReceiveRing_KernelDropsAreCountedAsMissed()
    {
        const int sent = 200;
        using var link = new VethLink();
        using Mempool.Pools.PacketPool pool = TestPools.Create(count: 1024);
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool));
        using AfPacketPort right = link.Right.Run(() => new AfPacketPort(VethLink.RightInterface, pool,
            new AfPacketPortOptions { RxBlockSize = Environment.SystemPageSize, RxBlockCount = 2, RxBlockTimeoutMs = 1 }));
        left.Start();
        right.Start();

        Send(left, 0, pool, Enumerable.Range(0, sent).Select(i => TestFrames.Udp(i, 1, 1000)).ToArray());
        int received = 0;
        var burst = new Packet[32];
        var idle = Stopwatch.StartNew();
        while (idle.ElapsedMilliseconds < 100)
        {
            int n = right.GetRxQueue(0).RxBurst(burst);
            if (n > 0)
            {
                received += n;
                pool.Free(burst.AsSpan(0, n));
                idle.Restart();
            }
        }

        PortStatistics statistics = right.GetStatistics();
        Assert.True(statistics.RxMissed > 0, "The kernel should have dropped frames into a 2-block ring nobody read.");
        Assert.Equal((ulong)sent, (ulong)received + statistics.RxMissed);
        Assert.Equal(statistics.RxMissed, statistics.Queues[0].RxDropped);
        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void Transmit_FrameTooLongOrTooShort_IsFreedAndCountedAsError()
    {
        using var link = new VethLink();
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool, new AfPacketPortOptions { TxFrameSize = 512 }));
        left.Start();
        Packet[] packets = TestPools.AllocFrames(pool, 3, i => i switch { 0 => new byte[10], 1 => new byte[1000], _ => TestFrames.Udp(0, 0, 64) });

        Assert.Equal(3, left.GetTxQueue(0).TxBurst(packets));

        Assert.Equal(512 - 48, left.MaximumTxFrameLength);
        Assert.Equal(0, pool.InUse);
        PortStatistics statistics = left.GetStatistics();
        Assert.Equal(2UL, statistics.TxErrors);
        Assert.Equal(1UL, statistics.TxPackets);
    }

    [NetworkNamespaceFact]
    public void FullTransmitRing_ReturnsShortCount()
    {
        using var link = new VethLink();
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool, new AfPacketPortOptions { TxFrameCount = 2 }));
        link.Left.IpInside($"link set {VethLink.LeftInterface} down");
        left.Start();
        Packet[] packets = TestPools.AllocFrames(pool, 8, i => TestFrames.Udp(i, 0, 64));

        int accepted = left.GetTxQueue(0).TxBurst(packets);

        Assert.InRange(accepted, 1, 7);
        Assert.Equal(8 - accepted, pool.InUse);
        pool.Free(packets.AsSpan(accepted));
    }

    [NetworkNamespaceFact]
    public void Identity_MacAndLinkComeFromTheInterface()
    {
        using var link = new VethLink();
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool));
        string shown = link.Left.IpInside($"-br link show dev {VethLink.LeftInterface}");

        Assert.Equal(MacAddress.Parse(shown.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]), left.MacAddress);
        Assert.Equal("af_packet:" + VethLink.LeftInterface, left.Name);
        Assert.True(left.Link.IsUp);
        link.Left.IpInside($"link set {VethLink.LeftInterface} down");
        Assert.False(left.Link.IsUp);
    }

    [NetworkNamespaceFact]
    public void Promiscuous_IsOnWhileThePortIsOpen()
    {
        using var link = new VethLink();
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        AfPacketPort port = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool));

        Assert.Contains("promiscuity 1 ", link.Left.IpInside($"-d link show dev {VethLink.LeftInterface}"));
        port.Dispose();
        Assert.Contains("promiscuity 0 ", link.Left.IpInside($"-d link show dev {VethLink.LeftInterface}"));
    }

    [NetworkNamespaceFact]
    public void WithoutCapNetRaw_ThrowsNamingTheCapability()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();

        var error = Assert.Throws<UnauthorizedAccessException>(() =>
        {
            try
            {
                CapabilityDropper.RunWithoutNetRaw(() => new AfPacketPort("lo", pool));
            }
            catch (AggregateException wrapped)
            {
                throw wrapped.InnerException!;
            }
        });
        Assert.Contains("CAP_NET_RAW", error.Message);
    }

    [Fact]
    public void MissingInterface_ThrowsNamingItAndListingTheExistingOnes()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();

        var error = Assert.Throws<InvalidOperationException>(() => new AfPacketPort("fp-missing0", pool));

        Assert.Contains("'fp-missing0' does not exist", error.Message);
        Assert.Contains("lo", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-name-far-too-long")]
    public void InvalidInterfaceName_Throws(string name)
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        var error = Assert.Throws<ArgumentException>(() => new AfPacketPort(name, pool));
        Assert.Contains("not a valid interface name", error.Message);
    }

    public static TheoryData<AfPacketPortOptions, string> BadOptions => new()
    {
        { new AfPacketPortOptions { QueueCount = 0 }, "QueueCount" },
        { new AfPacketPortOptions { RxBlockSize = 1000 }, "RxBlockSize" },
        { new AfPacketPortOptions { RxBlockSize = 1024 }, "RxBlockSize" },
        { new AfPacketPortOptions { RxBlockCount = 1 }, "RxBlockCount" },
        { new AfPacketPortOptions { RxBlockTimeoutMs = 0 }, "RxBlockTimeoutMs" },
        { new AfPacketPortOptions { TxFrameSize = 3000 }, "TxFrameSize" },
        { new AfPacketPortOptions { TxFrameSize = 64 }, "TxFrameSize" },
        { new AfPacketPortOptions { TxFrameCount = 0 }, "TxFrameCount" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadOptions_ThrowNamingTheOption(AfPacketPortOptions options, string option)
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        var error = Assert.Throws<ArgumentException>(() => new AfPacketPort("lo", pool, options));
        Assert.StartsWith(option, error.Message);
    }

    private static void Send(AfPacketPort port, int queue, PacketPool pool, byte[][] frames)
    {
        ITxQueue tx = port.GetTxQueue(queue);
        for (int start = 0; start < frames.Length; start += 32)
        {
            int count = Math.Min(32, frames.Length - start);
            Packet[] packets = TestPools.AllocFrames(pool, count, i => frames[start + i]);
            int sent = 0;
            var deadline = Stopwatch.StartNew();
            while (sent < count)
            {
                sent += tx.TxBurst(packets.AsSpan(sent));
                Assert.True(deadline.Elapsed < s_receiveTimeout, "The transmit ring stayed full.");
            }
        }
    }

    private static List<byte[]> ReceiveTaggedTestFrames(AfPacketPort port, PacketPool pool, int expected)
    {
        var frames = new List<byte[]>();
        var burst = new Packet[32];
        var deadline = Stopwatch.StartNew();
        while (frames.Count < expected && deadline.Elapsed < s_receiveTimeout)
        {
            port.WaitForReceive(0, TimeSpan.FromMilliseconds(10));
            int n = port.GetRxQueue(0).RxBurst(burst);
            foreach (Packet packet in burst.AsSpan(0, n))
            {
                if (packet.Length > 54 && TestFrames.IsTestFrame(packet.Data[4..]))
                {
                    frames.Add(packet.Data.ToArray());
                }
            }

            pool.Free(burst.AsSpan(0, n));
        }

        return frames;
    }

    private static List<byte[]> ReceiveTestFrames(AfPacketPort port, int queue, PacketPool pool, int expected, out List<Packet> kept, bool keep = false)
    {
        var frames = new List<byte[]>();
        kept = [];
        var burst = new Packet[32];
        IRxQueue rx = port.GetRxQueue(queue);
        var deadline = Stopwatch.StartNew();
        while (frames.Count < expected && deadline.Elapsed < s_receiveTimeout)
        {
            port.WaitForReceive(queue, TimeSpan.FromMilliseconds(10));
            int n = rx.RxBurst(burst);
            foreach (Packet packet in burst.AsSpan(0, n))
            {
                if (TestFrames.IsTestFrame(packet.Data))
                {
                    frames.Add(packet.Data.ToArray());
                    if (keep)
                    {
                        kept.Add(packet);
                        continue;
                    }
                }

                pool.Free(packet);
            }
        }

        return frames;
    }
}
