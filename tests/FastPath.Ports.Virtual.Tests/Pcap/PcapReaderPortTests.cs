using System.Diagnostics;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Pcap;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.Tests.Pcap;

public sealed class PcapReaderPortTests : IDisposable
{
    private readonly List<string> _files = [];

    [Fact]
    public void ReplaysEveryFrameByteForByteWithItsTimestampThenGoesDown()
    {
        byte[][] frames = Enumerable.Range(0, 50).Select(i => TestPools.NumberedFrame(i, 60 + i * 29)).ToArray();
        string path = Track(PcapFiles.WriteTemp([PcapFiles.Header(), .. frames.Select((f, i) => PcapFiles.Record(f, seconds: 100, fraction: (uint)i))]));
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new PcapReaderPort(path, pool, new PcapReaderPortOptions { PortId = 4 });
        port.Start();

        List<Packet> received = ReceiveAll(port, maxBursts: 10);

        Assert.Equal(frames.Length, received.Count);
        for (int i = 0; i < frames.Length; i++)
        {
            Assert.Equal(frames[i], received[i].Data.ToArray());
            Assert.Equal(100_000_000_000UL + (ulong)i * 1000, received[i].Metadata.Timestamp);
            Assert.True(received[i].Flags.HasFlag(PacketFlags.Timestamp));
            Assert.Equal(4, received[i].Port);
        }

        Assert.True(port.IsFinished);
        Assert.False(port.Link.IsUp);
        Assert.Equal((ulong)frames.Sum(f => f.Length), port.GetStatistics().RxBytes);
        pool.Free(received.ToArray());
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void LoopCount_ReplaysTheFileThatManyTimes()
    {
        string path = Track(PcapFiles.WriteTemp(PcapFiles.Header(), PcapFiles.Record(TestPools.NumberedFrame(1)), PcapFiles.Record(TestPools.NumberedFrame(2))));
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new PcapReaderPort(path, pool, new PcapReaderPortOptions { LoopCount = 3 });
        port.Start();

        List<Packet> received = ReceiveAll(port, maxBursts: 10);

        Assert.Equal([1, 2, 1, 2, 1, 2], received.Select(p => BitConverter.ToInt32(p.Data)));
        pool.Free(received.ToArray());
    }

    [Fact]
    public void LoopCountZero_ReplaysForever()
    {
        string path = Track(PcapFiles.WriteTemp(PcapFiles.Header(), PcapFiles.Record(TestPools.NumberedFrame(1))));
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new PcapReaderPort(path, pool, new PcapReaderPortOptions { LoopCount = 0 });
        port.Start();
        var burst = new Packet[32];

        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(32, port.GetRxQueue(0).RxBurst(burst));
            pool.Free(burst);
        }

        Assert.False(port.IsFinished);
    }

    [Fact]
    public void EmptyFileWithEndlessLoop_FinishesInsteadOfSpinning()
    {
        string path = Track(PcapFiles.WriteTemp(PcapFiles.Header()));
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new PcapReaderPort(path, pool, new PcapReaderPortOptions { LoopCount = 0 });
        port.Start();

        Assert.Equal(0, port.GetRxQueue(0).RxBurst(new Packet[8]));
        Assert.True(port.IsFinished);
    }

    [Fact]
    public void HonourTimestamps_ReleasesFramesAtTheCapturedPace()
    {
        string path = Track(PcapFiles.WriteTemp(PcapFiles.Header(),
            PcapFiles.Record(TestPools.NumberedFrame(1), seconds: 50, fraction: 0),
            PcapFiles.Record(TestPools.NumberedFrame(2), seconds: 50, fraction: 300_000)));
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new PcapReaderPort(path, pool, new PcapReaderPortOptions { HonourTimestamps = true });
        port.Start();
        var burst = new Packet[8];
        IRxQueue rx = port.GetRxQueue(0);

        var clock = Stopwatch.StartNew();
        Assert.Equal(1, rx.RxBurst(burst));
        pool.Free(burst[0]);
        Assert.Equal(0, rx.RxBurst(burst));
        Assert.Equal(0, pool.InUse);
        int n;
        while ((n = rx.RxBurst(burst)) == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        }

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(5));
        Assert.Equal(1, n);
        Assert.Equal(2, BitConverter.ToInt32(burst[0].Data));
        pool.Free(burst[0]);
    }

    [Fact]
    public void FrameLongerThanTheLargestFrame_IsSkippedAndCountedAsError()
    {
        string path = Track(PcapFiles.WriteTemp(PcapFiles.Header(), PcapFiles.Record(new byte[PacketLayout.JumboDataRoom + 1]), PcapFiles.Record(TestPools.NumberedFrame(7))));
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new PcapReaderPort(path, pool);
        port.Start();

        List<Packet> received = ReceiveAll(port, maxBursts: 3);

        Assert.Equal(7, BitConverter.ToInt32(Assert.Single(received).Data));
        Assert.Equal(1UL, port.GetStatistics().RxErrors);
        pool.Free(received.ToArray());
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void FrameLongerThanABuffer_ArrivesAsAChainByteForByte()
    {
        byte[] jumbo = TestPools.NumberedFrame(3, length: 9000);
        string path = Track(PcapFiles.WriteTemp(PcapFiles.Header(), PcapFiles.Record(jumbo), PcapFiles.Record(TestPools.NumberedFrame(7))));
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new PcapReaderPort(path, pool);
        port.Start();

        List<Packet> received = ReceiveAll(port, maxBursts: 3);

        Assert.Equal(2, received.Count);
        Assert.Equal(5, received[0].SegmentCount);
        byte[] bytes = new byte[received[0].Length];
        received[0].CopyTo(bytes);
        Assert.Equal(jumbo, bytes);
        Assert.Equal(9064UL, port.GetStatistics().RxBytes);
        Assert.True(port.Info.MaxRxSegmentSize == pool.DataRoom && (port.Info.RxOffloads & RxOffloads.Scatter) != 0);
        pool.Free(received.ToArray());
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void APoolThatRunsOutInTheMiddleOfAChain_DropsTheWholeRecordAndCountsIt()
    {
        string path = Track(PcapFiles.WriteTemp(PcapFiles.Header(), PcapFiles.Record(new byte[9000]), PcapFiles.Record(TestPools.NumberedFrame(7))));
        using Mempool.Pools.PacketPool pool = TestPools.Create(count: 3);
        using var port = new PcapReaderPort(path, pool);
        port.Start();

        List<Packet> received = ReceiveAll(port, maxBursts: 3);

        Assert.Equal(7, BitConverter.ToInt32(Assert.Single(received).Data));
        Assert.Equal(1UL, port.GetStatistics().RxMissed);
        pool.Free(received.ToArray());
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void MalformedRecord_ThrowsNamingTheOffsetAndFreesTheBurst()
    {
        string path = Track(PcapFiles.WriteTemp(PcapFiles.Header(), PcapFiles.Record(new byte[60]), PcapFiles.Record(new byte[80])[..50]));
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new PcapReaderPort(path, pool);
        port.Start();

        var error = Assert.Throws<PcapFormatException>(() => port.GetRxQueue(0).RxBurst(new Packet[8]));

        Assert.Equal(24 + 16 + 60, error.Offset);
        Assert.Equal(0, pool.InUse);
        Assert.True(port.IsFinished);
    }

    [Fact]
    public void BadMagic_ThrowsOnOpen()
    {
        string path = Track(PcapFiles.WriteTemp(PcapFiles.Header(magic: 0xDEADBEEF)));
        using Mempool.Pools.PacketPool pool = TestPools.Create();

        var error = Assert.Throws<PcapFormatException>(() => new PcapReaderPort(path, pool));

        Assert.Contains(path, error.Message);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void NonEthernetLinkType_Throws()
    {
        string path = Track(PcapFiles.WriteTemp(PcapFiles.Header(linkType: 101)));
        using Mempool.Pools.PacketPool pool = TestPools.Create();

        var error = Assert.Throws<PcapFormatException>(() => new PcapReaderPort(path, pool));

        Assert.Contains("link type is 101", error.Message);
    }

    [Fact]
    public void NegativeLoopCount_Throws()
    {
        string path = Track(PcapFiles.WriteTemp(PcapFiles.Header()));
        using Mempool.Pools.PacketPool pool = TestPools.Create();

        var error = Assert.Throws<ArgumentException>(() => new PcapReaderPort(path, pool, new PcapReaderPortOptions { LoopCount = -1 }));

        Assert.Contains("LoopCount", error.Message);
    }

    [Fact]
    public void ExhaustedPool_CountsNoBufferAndKeepsTheFrame()
    {
        string path = Track(PcapFiles.WriteTemp(PcapFiles.Header(), PcapFiles.Record(TestPools.NumberedFrame(3))));
        using Mempool.Pools.PacketPool pool = TestPools.Create(count: 4);
        using var port = new PcapReaderPort(path, pool);
        port.Start();
        var hoard = new Packet[4];
        Assert.Equal(4, pool.Alloc(hoard));

        Assert.Equal(0, port.GetRxQueue(0).RxBurst(new Packet[2]));
        Assert.Equal(1UL, port.GetStatistics().RxNoBuffer);
        pool.Free(hoard);
        var burst = new Packet[2];
        Assert.Equal(1, port.GetRxQueue(0).RxBurst(burst));
        Assert.Equal(3, BitConverter.ToInt32(burst[0].Data));
        pool.Free(burst[0]);
    }

    [Fact]
    public void Queues_OnlyOneReceiveQueueAndNoTransmit()
    {
        string path = Track(PcapFiles.WriteTemp(PcapFiles.Header()));
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new PcapReaderPort(path, pool);

        Assert.Equal((1, 0), (port.RxQueueCount, port.TxQueueCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => port.GetRxQueue(1));
        Assert.Contains("PcapWriterPort", Assert.Throws<ArgumentOutOfRangeException>(() => port.GetTxQueue(0)).Message);
        Assert.Equal(0, port.GetRxQueue(0).RxBurst(new Packet[1]));
    }

    public void Dispose()
    {
        foreach (string file in _files)
        {
            File.Delete(file);
        }
    }

    private string Track(string path)
    {
        _files.Add(path);
        return path;
    }

    private static List<Packet> ReceiveAll(PcapReaderPort port, int maxBursts)
    {
        var received = new List<Packet>();
        var burst = new Packet[8];
        for (int i = 0; i < maxBursts; i++)
        {
            int n = port.GetRxQueue(0).RxBurst(burst);
            received.AddRange(burst.AsSpan(0, n));
        }

        return received;
    }
}
