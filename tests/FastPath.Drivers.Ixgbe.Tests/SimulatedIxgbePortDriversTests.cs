using FastPath.Ports.Virtual;
using FastPath.Drivers.Ixgbe.Model.Ports;
using FastPath.Drivers.Ixgbe.Registers;
using FastPath;
using FastPath.Ports.Registry;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastPath.Drivers.Ixgbe.Tests;

public class SimulatedIxgbePortDriversTests
{
    private static PortRegistry CreateFactory()
    {
        PortRegistry factory = VirtualPortDrivers.CreateRegistry();
        SimulatedIxgbePortDrivers.RegisterWith(factory);
        return factory;
    }

    private static PacketPool CreatePool() =>
        PacketPool.Create("sim-spec", 8192, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 0 });

    private static PortOpenContext Context(PacketPool pool, int id = 0) => new() { PortId = id, Pool = pool, LoggerFactory = NullLoggerFactory.Instance };

    [Fact]
    public void ParsesModelLinkAndRingOptions()
    {
        PortSpec spec = CreateFactory().Parse("sim:ixgbe:link=a:queues=2:rxd=1024:txd=256");
        Assert.Equal("ixgbe", spec.Target);
        Assert.Equal("a", spec.Options["link"]);
        Assert.Equal(2, spec.GetInt("queues", 1, 1, 16));
    }

    [Theory]
    [InlineData("sim:ixgbe:speed=10", "sim has no option 'speed'")]
    [InlineData("sim", "lacks the NIC model")]
    public void RejectsSpecsThatDoNotParse(string text, string expected)
    {
        var error = Assert.Throws<UsageException>(() => CreateFactory().Parse(text));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("sim:e1000:link=bad0", "no simulated NIC model 'e1000'")]
    [InlineData("sim:ixgbe:link=bad1:rxd=100", "rxd=100 is not a power of two")]
    [InlineData("sim:ixgbe:link=bad2:txd=16", "txd=16 is out of range")]
    [InlineData("sim:ixgbe:link=bad3:queues=0", "queues=0 is out of range")]
    [InlineData("sim:ixgbe:link=", "link= is empty")]
    public void RejectsBadOptionsWhenOpening(string text, string expected)
    {
        using PacketPool pool = CreatePool();
        var error = Assert.Throws<UsageException>(() => CreateFactory().Open(text, Context(pool)));
        Assert.Contains(expected, error.Message);
        Assert.Equal(pool.Capacity, pool.Available);
    }

    [Fact]
    public void ALinkTakesExactlyTwoPortsAndAnEndCanBeReopened()
    {
        PortRegistry factory = CreateFactory();
        using PacketPool pool = CreatePool();
        IPort a = factory.Open("sim:ixgbe:link=pair", Context(pool, 0));
        using (IPort b = factory.Open("sim:ixgbe:link=pair", Context(pool, 1)))
        {
            var third = Assert.Throws<UsageException>(() => factory.Open("sim:ixgbe:link=pair", Context(pool, 2)));
            Assert.Contains("Both ends of sim:ixgbe link 'pair' are open already", third.Message);
            a.Start();
            b.Start();
            Assert.True(a.Link.IsUp);
            a.Dispose();
            using IPort again = factory.Open("sim:ixgbe:link=pair", Context(pool, 0));
            again.Start();
            Assert.True(again.Link.IsUp);
        }

        Assert.Equal(pool.Capacity, pool.Available);
    }

    [Fact]
    public void StartingAPortWhosePeerWasNeverOpenedFailsWithTheFix()
    {
        using PacketPool pool = CreatePool();
        using IPort lonely = CreateFactory().Open("sim:ixgbe:link=lonely", Context(pool));
        var error = Assert.Throws<UsageException>(lonely.Start);
        Assert.Contains("link 'lonely' has only this end open", error.Message);
        Assert.Contains("open a second port with link=lonely", error.Message);
    }

    [Fact]
    public void TheSimulatedPort_OffersAndForwardsTheVlanFilter()
    {
        using PacketPool pool = CreatePool();
        using IPort port = CreateFactory().Open("sim:ixgbe:link=vlan", Context(pool));
        Assert.True(port.Info.Capabilities.HasFlag(PortCapabilities.VlanFilter));
        port.SetVlanFilter(42, accept: true);
        var sim = Assert.IsType<SimulatedIxgbePort>(port);
        Assert.Equal(1, sim.Driver.VlanIdsAccepted);
        Assert.NotEqual(0u, sim.Device.Model.ReadRegister(IxgbeRegister.VlanControl) & IxgbeBits.VlanFilterEnable);
        port.SetVlanFilter(42, accept: false);
        Assert.Equal(0, sim.Driver.VlanIdsAccepted);
    }
}
