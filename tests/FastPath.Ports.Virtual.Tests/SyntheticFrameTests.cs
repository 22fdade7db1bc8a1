using System.Buffers.Binary;
using FastPath.Net;

namespace FastPath.Ports.Virtual.Tests;

public sealed class SyntheticFrameTests
{
    [Theory]
    [InlineData(60)]
    [InlineData(1514)]
    public void Write_ProducesConsistentHeaders(int length)
    {
        var frame = new byte[length];

        SyntheticFrame.Write(frame, new MacAddress(0x02_00_00_00_00_01UL));

        Assert.Equal(MacAddress.Broadcast, new MacAddress(frame));
        Assert.Equal(0, SyntheticFrame.Ipv4Checksum(frame.AsSpan(14, 20)));
        Assert.Equal(length - 14, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(16)));
        Assert.Equal(length - 34, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(38)));
    }

    [Fact]
    public void Write_TooShort_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SyntheticFrame.Write(new byte[59], default));
        Assert.Contains("59", error.Message);
    }
}
