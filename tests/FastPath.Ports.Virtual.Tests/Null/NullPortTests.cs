using System.Buffers.Binary;
using FastPath.Mempool.Buffers;
using FastPath.Net;
using FastPath.Ports.Virtual.Null;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.Tests.Null;

public sealed class NullPortTests
{
    [Fact]
    public void Receive_WithoutFrameLength_ReturnsNothing()
    {
        using var port = new NullPort();
        port.Start();

        Assert.Equal(0, port.GetRxQueue(0).RxBurst(new Packet[32]));
        Assert.Equal(0UL, port.GetStatistics().RxPackets);
    }

    [Fact]
    public void Receive_WithFrameLength_ReturnsFullBurstOfValidUdpFrames()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        var mac = MacAddress.Parse("02:11:22:33:44:55");
        using var port = new NullPort(new NullPortOptions { RxFrameLength = 64, RxPool = pool, MacAddress = mac, PortId = 7 });
        port.Start();
        var packets = new Packet[32];

        int received = port.GetRxQueue(0).RxBurst(packets);

        Assert.Equal(32, received);
        foreach (Packet packet in packets)
        {
            Assert.Equal(64, packet.Length);
            Assert.Equal(7, packet.Port);
            Span<byte> frame = packet.Data;
            Assert.Equal(mac, new MacAddress(frame[6..]));
            Assert.Equal(0x0800, BinaryPrimitives.ReadUInt16BigEndian(frame[12..]));
            Assert.Equal(0, SyntheticFrame.Ipv4Checksum(frame.Slice(14, 20)));
            Assert.Equal(17, frame[23]);
            Assert.Equal(64 - 14, BinaryPrimitives.ReadUInt16BigEndian(frame[16..]));
        }

        PortStatistics statistics = port.GetStatistics();
        Assert.Equal(32UL, statistics.RxPackets);
        Assert.Equal(32UL * 64, statistics.RxBytes);
        pool.Free(packets);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void Receive_WhenPoolRunsLow_ReturnsWhatIsLeftAndCountsNoBuffer()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create(count: 40);
        using var port = new NullPort(new NullPortOptions { RxFrameLength = 60, RxPool = pool });
        port.Start();
        var first = new Packet[32];
        var second = new Packet[32];

        Assert.Equal(32, port.GetRxQueue(0).RxBurst(first));
        Assert.Equal(8, port.GetRxQueue(0).RxBurst(second));
        Assert.Equal(0, port.GetRxQueue(0).RxBurst(second.AsSpan(8)));

        Assert.Equal(2UL, port.GetStatistics().RxNoBuffer);
        Assert.Equal(40UL, port.GetStatistics().RxPackets);
        pool.Free(first);
        pool.Free(second.AsSpan(0, 8));
    }

    [Fact]
    public void Transmit_FreesEveryPacketAndCountsPacketsAndBytes()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new NullPort(new NullPortOptions { QueueCount = 2 });
        port.Start();
        Packet[] packets = TestPools.AllocFrames(pool, 10, i => new byte[60 + i]);

        int sent = port.GetTxQueue(1).TxBurst(packets);

        Assert.Equal(10, sent);
        Assert.Equal(0, pool.InUse);
        PortStatistics statistics = port.GetStatistics();
        Assert.Equal(10UL, statistics.TxPackets);
        Assert.Equal((ulong)Enumerable.Range(60, 10).Sum(), statistics.TxBytes);
        Assert.Equal(10UL, statistics.Queues[1].TxPackets);
        Assert.Equal(0UL, statistics.Queues[0].TxPackets);
    }

    [Fact]
    public void Transmit_PacketsFromSeveralPools_ReturnsEachToItsOwn()
    {
        using Mempool.Pools.PacketPool first = TestPools.Create(name: "first");
        using Mempool.Pools.PacketPool second = TestPools.Create(name: "second");
        using var port = new NullPort();
        port.Start();
        Packet[] packets = [.. TestPools.AllocFrames(first, 3, _ => new byte[60]), .. TestPools.AllocFrames(second, 2, _ => new byte[70]), .. TestPools.AllocFrames(first, 1, _ => new byte[80])];

        Assert.Equal(6, port.GetTxQueue(0).TxBurst(packets));

        Assert.Equal(0, first.InUse);
        Assert.Equal(0, second.InUse);
        Assert.Equal(60UL * 3 + 70 * 2 + 80, port.GetStatistics().TxBytes);
    }

    [Fact]
    public void StoppedPort_NeitherReceivesNorAccepts()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new NullPort(new NullPortOptions { RxFrameLength = 64, RxPool = pool });
        Packet[] packets = TestPools.AllocFrames(pool, 4, _ => new byte[64]);

        Assert.Equal(0, port.GetRxQueue(0).RxBurst(new Packet[8]));
        Assert.Equal(0, port.GetTxQueue(0).TxBurst(packets));
        Assert.Equal(4, pool.InUse);
        pool.Free(packets);
    }

    [Fact]
    public void FrameLengthWithoutPool_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new NullPort(new NullPortOptions { RxFrameLength = 64 }));
        Assert.Contains("RxPool is null", error.Message);
    }

    [Theory]
    [InlineData(59)]
    [InlineData(2049)]
    public void FrameLengthOutOfRange_Throws(int length)
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        var error = Assert.Throws<ArgumentException>(() => new NullPort(new NullPortOptions { RxFrameLength = length, RxPool = pool }));
        Assert.Contains($"RxFrameLength {length} is out of range", error.Message);
    }

    [Fact]
    public void ZeroQueues_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new NullPort(new NullPortOptions { QueueCount = 0 }));
        Assert.Contains("QueueCount is 0", error.Message);
    }

    [Fact]
    public void MissingQueue_ThrowsNamingTheRange()
    {
        using var port = new NullPort(new NullPortOptions { QueueCount = 2 });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => port.GetRxQueue(2));
        Assert.Contains("0 to 1", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => port.GetTxQueue(-1));
    }

    [Fact]
    public void StartAfterDispose_Throws()
    {
        var port = new NullPort();
        port.Dispose();
        Assert.Throws<ObjectDisposedException>(port.Start);
    }

    [Fact]
    public void Transmit_CountsAChainAsOneFrameOfItsWholeLengthAndFreesEverySegment()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new NullPort();
        port.Start();
        Packet[] packets = [TestPools.AllocChain(pool, new byte[5000], 2048), TestPools.AllocChain(pool, new byte[60], 2048)];

        Assert.Equal(2, port.GetTxQueue(0).TxBurst(packets));

        Assert.Equal(2UL, port.GetStatistics().TxPackets);
        Assert.Equal(5060UL, port.GetStatistics().TxBytes);
        Assert.Equal(0, pool.InUse);
        Assert.True((port.Info.TxOffloads & TxOffloads.MultiSegment) != 0);
    }
}
