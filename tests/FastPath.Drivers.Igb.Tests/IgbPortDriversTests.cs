using FastPath.Ports.Virtual;
using FastPath.Drivers.Igb;
using FastPath;
using FastPath.Ports.Registry;
using FastPath.Mempool.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Igb.Tests;

/// <summary>The <c>pci:</c> kind as the applications register it.</summary>
public sealed class IgbPortDriversTests
{
    [Fact]
    public void ThePciKindParsesAddressQueuesRingSizesAndNoPromisc()
    {
        PortRegistry factory = VirtualPortDrivers.CreateRegistry();
        IgbPortDrivers.RegisterWith(factory);

        PortSpec spec = factory.Parse("pci:0000:02:00.0:queues=4:rxd=1024:no-promisc");

        Assert.Equal("pci", spec.Kind);
        Assert.Equal("0000:02:00.0", spec.Target);
        Assert.Equal(4, spec.GetInt("queues", 1, 1, 8));
        Assert.Equal(1024, spec.GetInt("rxd", 512, 32, 4096));
        Assert.True(spec.HasFlag("no-promisc"));
        Assert.Contains("igb", factory.DescribeKinds());
    }

    [Theory]
    [InlineData("pci:0000:02:00.0:rss=on", "no option 'rss'")]
    [InlineData("pci:02:00", "PCI address")]
    [InlineData("pci:0000:7f:1f.7", "no PCI device")]
    public void BadSpecsAreUsageErrorsNamingTheCause(string text, string expected)
    {
        PortRegistry factory = VirtualPortDrivers.CreateRegistry();
        IgbPortDrivers.RegisterWith(factory);
        using PacketPool pool = PacketPool.Create("igb-spec", 64, IdentityDmaMapper.Instance, new() { Hugepages = HugepagePolicy.Never, CacheSize = 0 });

        UsageException error = Assert.Throws<UsageException>(() => factory.Open(text, new PortOpenContext { PortId = 0, Pool = pool, LoggerFactory = NullLoggerFactory.Instance }));

        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The82576AndI350IdsAreAccepted()
    {
        Assert.Contains(new PciDeviceId(0x8086, 0x10C9), IgbPortDrivers.DeviceIds);
        Assert.Contains(new PciDeviceId(0x8086, 0x1521), IgbPortDrivers.DeviceIds);
        Assert.DoesNotContain(new PciDeviceId(0x8086, 0x10D3), IgbPortDrivers.DeviceIds);
    }
}
