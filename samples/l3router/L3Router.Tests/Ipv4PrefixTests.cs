namespace L3Router.Tests;

public sealed class Ipv4PrefixTests
{
    [Theory]
    [InlineData("10.1.0.0/16", 0x0A01_0000u, 16)]
    [InlineData("0.0.0.0/0", 0u, 0)]
    [InlineData("255.255.255.255/32", 0xFFFF_FFFFu, 32)]
    [InlineData("192.168.128.0/17", 0xC0A8_8000u, 17)]
    public void Parse_reads_network_and_length(string text, uint network, int length)
    {
        Ipv4Prefix prefix = Ipv4Prefix.Parse(text);
        Assert.Equal(network, prefix.Network);
        Assert.Equal(length, prefix.Length);
        Assert.Equal(text, prefix.ToString());
    }

    [Fact]
    public void Parse_rejects_host_bits_and_names_the_fix()
    {
        var e = Assert.Throws<FormatException>(() => Ipv4Prefix.Parse("10.1.2.3/16"));
        Assert.Equal("10.1.2.3/16 has host bits set; write 10.1.0.0/16", e.Message);
        Assert.Throws<ArgumentException>(() => new Ipv4Prefix(0x0A01_0203, 16));
    }

    [Theory]
    [InlineData("10.0.0/8")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.256/32")]
    [InlineData("10.0.0.0/x")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0.0/8")]
    [InlineData("10..0.0/8")]
    [InlineData("")]
    public void TryParse_rejects_what_is_not_a_prefix(string text)
    {
        Assert.False(Ipv4Prefix.TryParse(text, out _));
        var e = Assert.Throws<FormatException>(() => Ipv4Prefix.Parse(text));
        Assert.Equal($"'{text}' is not an IPv4 prefix; write it as A.B.C.D/LEN", e.Message);
    }

    [Fact]
    public void Lengths_beyond_32_are_rejected()
    {
        var e = Assert.Throws<FormatException>(() => Ipv4Prefix.Parse("10.0.0.0/33"));
        Assert.Equal("'10.0.0.0/33' has prefix length 33; use a length of 0 to 32", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ipv4Prefix(0, 33));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ipv4Prefix(0, -1));
    }

    [Fact]
    public void Contains_and_mask()
    {
        Ipv4Prefix prefix = Ipv4Prefix.Parse("10.128.0.0/9");
        Assert.Equal(0xFF80_0000u, prefix.Mask);
        Assert.True(prefix.Contains(0x0A80_0001));
        Assert.True(prefix.Contains(0x0AFF_FFFF));
        Assert.False(prefix.Contains(0x0A7F_FFFF));
        Assert.True(default(Ipv4Prefix).Contains(0xDEAD_BEEF));
        Assert.Equal(0u, default(Ipv4Prefix).Mask);
    }

    [Fact]
    public void Equal_prefixes_are_equal()
    {
        Assert.Equal(Ipv4Prefix.Parse("10.0.0.0/8"), new Ipv4Prefix(0x0A00_0000, 8));
        Assert.NotEqual(Ipv4Prefix.Parse("10.0.0.0/8"), Ipv4Prefix.Parse("10.0.0.0/9"));
    }
}
