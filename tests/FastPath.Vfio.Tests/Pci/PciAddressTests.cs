using FastPath.Vfio.Pci;

namespace FastPath.Vfio.Tests.Pci;

public sealed class PciAddressTests
{
    [Theory]
    [InlineData("0000:04:00.0", 0, 4, 0, 0)]
    [InlineData("04:00.0", 0, 4, 0, 0)]
    [InlineData("abcd:ff:1f.7", 0xabcd, 0xff, 0x1f, 7)]
    [InlineData(" 0000:00:19.0\n", 0, 0, 0x19, 0)]
    public void Parses_sysfs_and_lspci_forms(string text, int domain, int bus, int device, int function)
    {
        PciAddress address = PciAddress.Parse(text);
        Assert.Equal(new PciAddress(domain, bus, device, function), address);
    }

    [Fact]
    public void Formats_the_canonical_sysfs_form() => Assert.Equal("0000:04:00.0", PciAddress.Parse("4:0.0").ToString());

    [Theory]
    [InlineData("eth0", "DDDD:BB:SS.F")]
    [InlineData("0000:04:00", "function")]
    [InlineData("0000:04:20.0", "out of range")]
    [InlineData("0000:04:00.8", "out of range")]
    [InlineData("0000:0g:00.0", "hexadecimal")]
    [InlineData("00000:04:00.0", "hexadecimal")]
    [InlineData("1:2:3:4.0", "DDDD:BB:SS.F")]
    public void Rejects_malformed_addresses_saying_what_is_wrong(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => PciAddress.Parse(text));
        Assert.Contains(reason, e.Message);
        Assert.Contains("e.g. 0000:04:00.0", e.Message);
        Assert.False(PciAddress.TryParse(text, null, out _));
    }
}
