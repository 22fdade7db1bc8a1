using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Igb.Rss;
using FastPath.Drivers.Igb.Tests.Fakes;
using FastPath.Drivers.Intel.Rss;

namespace FastPath.Drivers.Igb.Tests;

/// <summary>RSS programming: key bytes, redirection table, MRQC and RXCSUM.PCSD.</summary>
public sealed class IgbRssConfigurationTests
{
    [Fact]
    public void FourQueuesFillRetaRoundRobinAndEnableRssWithPcsd()
    {
        var file = new RegisterFile();
        var registers = new FakeRegisters(file);

        new IgbRssConfiguration().Apply(ref registers, 4);

        Assert.Equal(0x03020100u, file[IgbRegister.RedirectionTable(0)]);
        Assert.Equal(0x03020100u, file[IgbRegister.RedirectionTable(31)]);
        ReadOnlySpan<byte> key = ToeplitzHash.VerificationKey;
        Assert.Equal((uint)(key[0] | key[1] << 8 | key[2] << 16 | key[3] << 24), file[IgbRegister.RssKey(0)]);
        Assert.Equal(IgbBits.MrqcEnableRss | IgbRssConfiguration.HashedFields, file[IgbRegister.MultipleReceiveQueuesCommand]);
        Assert.NotEqual(0u, file[IgbRegister.ReceiveChecksumControl] & IgbBits.ChecksumPacketChecksumDisable);
    }

    [Fact]
    public void ThreeQueuesWrapTheTableModuloThree()
    {
        var file = new RegisterFile();
        var registers = new FakeRegisters(file);

        new IgbRssConfiguration().Apply(ref registers, 3);

        Assert.Equal(0x00020100u, file[IgbRegister.RedirectionTable(0)]);
        Assert.Equal(0x01000201u, file[IgbRegister.RedirectionTable(1)]);
        Assert.Equal(2, IgbRssConfiguration.QueueOf(0x12345605, 3));
    }

    [Fact]
    public void OneQueueDisablesRss()
    {
        var file = new RegisterFile();
        file[IgbRegister.MultipleReceiveQueuesCommand] = 0xFFFF;
        var registers = new FakeRegisters(file);

        new IgbRssConfiguration().Apply(ref registers, 1);

        Assert.Equal(0u, file[IgbRegister.MultipleReceiveQueuesCommand]);
    }

    [Fact]
    public void AShortKeyIsRefused()
    {
        var registers = new FakeRegisters(new RegisterFile());
        Assert.Throws<ArgumentException>(() => new IgbRssConfiguration { Key = new byte[16] }.Apply(ref registers, 2));
    }
}
