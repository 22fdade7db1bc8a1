using System.Buffers.Binary;
using FastPath.Ports.Virtual.Pcap;

namespace FastPath.Ports.Virtual.Tests.Pcap;

public sealed class PcapWriterTests
{
    [Theory]
    [InlineData(false, 0xA1B2C3D4u)]
    [InlineData(true, 0xA1B23C4Du)]
    public void WritesHeaderAndRecordsThatReadBack(bool nanoseconds, uint magic)
    {
        var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, snapLength: 100, nanosecondTimestamps: nanoseconds, leaveOpen: true))
        {
            writer.Write(TestPools.NumberedFrame(1, 60), 5_000_123_456L);
            Assert.Equal(100, writer.Write(TestPools.NumberedFrame(2, 150), 6_000_000_000L));
        }

        byte[] bytes = stream.ToArray();
        Assert.Equal(magic, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(24 + 16 + 60 + 16 + 100, bytes.Length);
        stream.Position = 0;
        using var reader = new PcapReader(stream, "memory");
        Assert.Equal(100u, reader.Header.SnapLength);
        Assert.True(reader.TryReadRecordHeader(out PcapRecordHeader first));
        Assert.Equal(nanoseconds ? 5_000_123_456L : 5_000_123_000L, first.TimestampNanoseconds);
        reader.SkipData();
        Assert.True(reader.TryReadRecordHeader(out PcapRecordHeader second));
        Assert.Equal((100, 150), (second.CapturedLength, second.OriginalLength));
    }

    [Fact]
    public void NonPositiveSnapLength_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PcapWriter(new MemoryStream(), snapLength: 0));
        Assert.Contains("snap length must be positive", error.Message);
    }
}
