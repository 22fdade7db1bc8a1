using FastPath.Ports.Virtual.Pcap;

namespace FastPath.Ports.Virtual.Tests.Pcap;

public sealed class PcapReaderTests
{
    [Theory]
    [InlineData(0xA1B2C3D4u, false, false)]
    [InlineData(0xA1B2C3D4u, true, false)]
    [InlineData(0xA1B23C4Du, false, true)]
    [InlineData(0xA1B23C4Du, true, true)]
    public void ReadsBothResolutionsInBothByteOrders(uint magic, bool bigEndian, bool nanoseconds)
    {
        byte[] first = TestPools.NumberedFrame(1, 60);
        byte[] second = TestPools.NumberedFrame(2, 1514);
        using var reader = new PcapReader(new MemoryStream(Concat(
            PcapFiles.Header(magic, bigEndian),
            PcapFiles.Record(first, seconds: 10, fraction: 123, bigEndian: bigEndian),
            PcapFiles.Record(second, seconds: 11, fraction: 999, bigEndian: bigEndian, originalLength: 2000))), "memory");

        Assert.Equal(bigEndian, reader.Header.ByteSwapped);
        Assert.Equal(nanoseconds, reader.Header.NanosecondTimestamps);
        Assert.Equal(65535u, reader.Header.SnapLength);
        Assert.Equal(1u, reader.Header.LinkType);

        Assert.True(reader.TryReadRecordHeader(out PcapRecordHeader record));
        Assert.Equal(new PcapRecordHeader(24, 10_000_000_000L + (nanoseconds ? 123 : 123_000), 60, 60), record);
        var buffer = new byte[2048];
        reader.ReadData(buffer);
        Assert.Equal(first, buffer[..60]);

        Assert.True(reader.TryReadRecordHeader(out record));
        Assert.Equal(24 + 16 + 60, record.Offset);
        Assert.Equal(2000, record.OriginalLength);
        reader.ReadData(buffer);
        Assert.Equal(second, buffer[..1514]);
        Assert.False(reader.TryReadRecordHeader(out _));
    }

    [Fact]
    public void BadMagic_ThrowsAtOffsetZero()
    {
        var error = Assert.Throws<PcapFormatException>(() => new PcapReader(new MemoryStream(PcapFiles.Header(magic: 0x0A0D0D0A)), "capture.pcapng"));

        Assert.Equal(0, error.Offset);
        Assert.Contains("bad magic number 0x0a0d0d0a", error.Message);
        Assert.Contains("capture.pcapng", error.Message);
    }

    [Fact]
    public void TruncatedFileHeader_Throws()
    {
        var error = Assert.Throws<PcapFormatException>(() => new PcapReader(new MemoryStream(PcapFiles.Header()[..10]), "short"));
        Assert.Contains("file header is truncated", error.Message);
    }

    [Fact]
    public void UnknownVersion_Throws()
    {
        var error = Assert.Throws<PcapFormatException>(() => new PcapReader(new MemoryStream(PcapFiles.Header(major: 3)), "v3"));
        Assert.Equal(4, error.Offset);
        Assert.Contains("version 3.4", error.Message);
    }

    [Fact]
    public void TruncatedRecordHeader_ThrowsNamingItsOffset()
    {
        using var reader = new PcapReader(new MemoryStream(Concat(PcapFiles.Header(), PcapFiles.Record(new byte[60]), new byte[7])), "cut");
        Assert.True(reader.TryReadRecordHeader(out _));
        reader.SkipData();

        var error = Assert.Throws<PcapFormatException>(() => reader.TryReadRecordHeader(out _));

        Assert.Equal(24 + 16 + 60, error.Offset);
        Assert.Contains("record header is truncated: 7 of 16 bytes", error.Message);
    }

    [Fact]
    public void TruncatedRecordData_ThrowsNamingTheRecordOffset()
    {
        byte[] record = PcapFiles.Record(new byte[100]);
        using var reader = new PcapReader(new MemoryStream(Concat(PcapFiles.Header(), record[..(16 + 40)])), "cut");
        Assert.True(reader.TryReadRecordHeader(out _));

        var error = Assert.Throws<PcapFormatException>(() => reader.ReadData(new byte[200]));

        Assert.Equal(24, error.Offset);
        Assert.Contains("declares 100 bytes but the file ends after 40", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TruncatedRecordData_WhenSkipped_Throws(bool seekable)
    {
        byte[] bytes = Concat(PcapFiles.Header(), PcapFiles.Record(new byte[100])[..50]);
        using var reader = new PcapReader(seekable ? new MemoryStream(bytes) : new ForwardOnlyStream(bytes), "cut");
        Assert.True(reader.TryReadRecordHeader(out _));

        var error = Assert.Throws<PcapFormatException>(reader.SkipData);

        Assert.Equal(24, error.Offset);
    }

    [Fact]
    public void CapturedLengthAboveSnapLength_ThrowsNamingTheRecordOffset()
    {
        using var reader = new PcapReader(new MemoryStream(Concat(PcapFiles.Header(snapLength: 64), PcapFiles.Record(new byte[60]), PcapFiles.Record(new byte[65]))), "big");
        Assert.True(reader.TryReadRecordHeader(out _));
        reader.SkipData();

        var error = Assert.Throws<PcapFormatException>(() => reader.TryReadRecordHeader(out _));

        Assert.Equal(24 + 16 + 60, error.Offset);
        Assert.Contains("65 bytes, more than the file's snap length of 64", error.Message);
    }

    [Fact]
    public void MisusedSequence_ThrowsWithTheFix()
    {
        using var reader = new PcapReader(new MemoryStream(Concat(PcapFiles.Header(), PcapFiles.Record(new byte[60]))), "file");

        Assert.Throws<InvalidOperationException>(() => reader.ReadData(new byte[100]));
        Assert.True(reader.TryReadRecordHeader(out _));
        Assert.Contains("SkipData", Assert.Throws<InvalidOperationException>(() => reader.TryReadRecordHeader(out _)).Message);
        Assert.Contains("room for 10", Assert.Throws<ArgumentException>(() => reader.ReadData(new byte[10])).Message);
    }

    [Fact]
    public void Rewind_StartsOverAtTheFirstRecord()
    {
        using var reader = new PcapReader(new MemoryStream(Concat(PcapFiles.Header(), PcapFiles.Record(TestPools.NumberedFrame(5)))), "file");
        Assert.True(reader.TryReadRecordHeader(out _));
        reader.SkipData();
        Assert.False(reader.TryReadRecordHeader(out _));

        reader.Rewind();

        Assert.True(reader.TryReadRecordHeader(out PcapRecordHeader record));
        Assert.Equal(24, record.Offset);
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
