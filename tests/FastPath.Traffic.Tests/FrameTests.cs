using System.Buffers.Binary;
using FastPath.Mempool.Buffers;
using FastPath.Net;
using FastPath.Ports;
using FastPath.Ports.Virtual.Ring;
using FastPath.Traffic.Flows;
using FastPath.Traffic.Frames;
using FastPath.Traffic.Generator;

namespace FastPath.Traffic.Tests;

public sealed class FrameTests
{
    [Fact]
    public void FixedRangeAndImixSizes()
    {
        // Sizes are on the wire (FCS included); buffers hold 4 bytes less.
        Assert.Equal([124], FrameSizes.Parse("128").Cycle.ToArray());
        Assert.Equal([60, 61, 62], FrameSizes.Parse("64-66").Cycle.ToArray());
        FrameSizes imix = FrameSizes.Parse("IMIX");
        Assert.Equal(7, imix.Cycle.ToArray().Count(x => x == 60));
        Assert.Equal(4, imix.Cycle.ToArray().Count(x => x == 566));
        Assert.Equal(1, imix.Cycle.ToArray().Count(x => x == 1514));
        Assert.Equal((7 * 64 + 4 * 570 + 1518) / 12.0 - 4, imix.Average, 6);
    }

    [Theory]
    [InlineData("63")]
    [InlineData("9221")]
    [InlineData("100-64")]
    [InlineData("big")]
    public void BadSizesAreRejected(string text) => Assert.Throws<FormatException>(() => FrameSizes.Parse(text));

    [Fact]
    public void FieldRanges()
    {
        Assert.Equal(new FieldRange(0xC6120001, 254), FieldRange.ParseIpv4("198.18.0.1-198.18.0.254"));
        Assert.Equal(new FieldRange(1024, 256), FieldRange.ParsePort("1024-1279"));
        Assert.Equal(new FieldRange(0x020000000001, 16), FieldRange.ParseMac("02:00:00:00:00:01-02:00:00:00:00:10"));
        Assert.Equal(FieldRange.Single(0x020000000001), FieldRange.ParseMac("02-00-00-00-00-01"));
        Assert.Throws<FormatException>(() => FieldRange.ParseIpv4("10.0.0.9-10.0.0.1"));
        Assert.Throws<FormatException>(() => FieldRange.ParseIpv4("10.0.0"));
        Assert.Throws<FormatException>(() => FieldRange.ParsePort("70000"));
        Assert.Throws<FormatException>(() => FieldRange.ParseMac("02:00:00:00:00"));
    }

    [Fact]
    public void GeneratedFramesAreValidUdpWithProbesAndStepThroughFlows()
    {
        using var pool = TestPools.Create();
        (RingPort tx, RingPort rx) = RingPort.CreatePair();
        using (tx)
        using (rx)
        {
            tx.Start();
            rx.Start();
            var generator = new TrafficGenerator(pool, tx.GetTxQueue(0), tx.MacAddress, new GeneratorSettings
            {
                Stream = 7,
                Sizes = FrameSizes.Parse("64-66"),
                Flows = new FlowSet { SourcePort = FieldRange.ParsePort("1000-1001"), DestinationIp = FieldRange.ParseIpv4("10.0.0.1-10.0.0.3") },
                Count = 6,
            });
            while (!generator.IsFinished)
            {
                generator.Poll();
            }

            Packet[] frames = new Packet[8];
            Assert.Equal(6, rx.GetRxQueue(0).RxBurst(frames));
            for (int i = 0; i < 6; i++)
            {
                Span<byte> data = frames[i].Data;
                Assert.Equal(60 + i % 3, data.Length);
                Assert.Equal(tx.MacAddress, new MacAddress(data[6..12]));
                Assert.Equal(0x0800, BinaryPrimitives.ReadUInt16BigEndian(data[12..]));
                Assert.Equal(0, ChecksumResidue(data.Slice(14, 20)));
                Assert.Equal(data.Length - 14, BinaryPrimitives.ReadUInt16BigEndian(data[16..]));
                Assert.Equal(0x0A000001u + (uint)(i % 3), BinaryPrimitives.ReadUInt32BigEndian(data[30..]));
                Assert.Equal(1000 + i % 2, BinaryPrimitives.ReadUInt16BigEndian(data[34..]));
                Assert.Equal(data.Length - 34, BinaryPrimitives.ReadUInt16BigEndian(data[38..]));
                Assert.Equal(ProbeHeader.Magic, BinaryPrimitives.ReadUInt16LittleEndian(data[42..]));
                Assert.Equal(7, BinaryPrimitives.ReadUInt16LittleEndian(data[44..]));
                Assert.Equal((ulong)i, BinaryPrimitives.ReadUInt64LittleEndian(data[46..]) & ProbeHeader.SequenceMask);
            }

            pool.Free(frames.AsSpan(0, 6));
        }

        Assert.Equal(0, pool.InUse);
    }

    [Theory]
    [InlineData(TxOffloads.Ipv4Checksum | TxOffloads.UdpChecksum, PacketFlags.TxIPv4 | PacketFlags.TxIpChecksum | PacketFlags.TxUdpChecksum)]
    [InlineData(TxOffloads.UdpChecksum, PacketFlags.TxIPv4 | PacketFlags.TxUdpChecksum)]
    [InlineData(TxOffloads.Ipv4Checksum, PacketFlags.TxIPv4 | PacketFlags.TxIpChecksum)]
    public void OffloadedChecksumsAreLeftZeroForTheNicWithRequestFlagsAndHeaderLengths(TxOffloads offloads, PacketFlags expected)
    {
        using var pool = TestPools.Create();
        (RingPort tx, RingPort rx) = RingPort.CreatePair();
        using (tx)
        using (rx)
        {
            tx.Start();
            rx.Start();
            var generator = new TrafficGenerator(pool, tx.GetTxQueue(0), tx.MacAddress, new GeneratorSettings { Sizes = FrameSizes.Parse("64-70"), Count = 4, ChecksumOffloads = offloads });
            while (!generator.IsFinished)
            {
                generator.Poll();
            }

            Packet[] frames = new Packet[8];
            Assert.Equal(4, rx.GetRxQueue(0).RxBurst(frames));
            foreach (Packet frame in frames.AsSpan(0, 4))
            {
                Span<byte> data = frame.Data;
                Assert.Equal(expected, frame.Flags);
                Assert.Equal(14, frame.Metadata.L2Length);
                Assert.Equal(20, frame.Metadata.L3Length);
                Assert.Equal(8, frame.Metadata.L4Length);
                if ((offloads & TxOffloads.Ipv4Checksum) != 0)
                {
                    Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(data[24..]));
                }
                else
                {
                    Assert.Equal(0, ChecksumResidue(data.Slice(14, 20)));
                }

                Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(data[40..]));
            }

            pool.Free(frames.AsSpan(0, 4));
        }

        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void WithoutOffloadsFramesRequestNothingFromThePort()
    {
        using var pool = TestPools.Create();
        (RingPort tx, RingPort rx) = RingPort.CreatePair();
        using (tx)
        using (rx)
        {
            tx.Start();
            rx.Start();
            var generator = new TrafficGenerator(pool, tx.GetTxQueue(0), tx.MacAddress, new GeneratorSettings { Count = 2 });
            while (!generator.IsFinished)
            {
                generator.Poll();
            }

            Packet[] frames = new Packet[2];
            Assert.Equal(2, rx.GetRxQueue(0).RxBurst(frames));
            Assert.All(frames, frame => Assert.Equal(PacketFlags.None, frame.Flags & (PacketFlags.TxOffloadMask | PacketFlags.TxIPv4)));
            pool.Free(frames);
        }
    }

    [Fact]
    public void TcpChecksumOffloadIsRefusedForUdpFrames()
    {
        using var pool = TestPools.Create();
        (RingPort tx, RingPort rx) = RingPort.CreatePair();
        using (tx)
        using (rx)
        {
            ArgumentException error = Assert.Throws<ArgumentException>(() => new TrafficGenerator(pool, tx.GetTxQueue(0), tx.MacAddress, new GeneratorSettings { ChecksumOffloads = TxOffloads.TcpChecksum }));
            Assert.Contains("TcpChecksum", error.Message);
        }
    }

    /// <summary>The complemented ones' complement sum of a header including its checksum: 0 when the checksum is right.</summary>
    private static int ChecksumResidue(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (int i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (int)~sum & 0xFFFF;
    }
}
