using FastPath.Mempool.Pools;
using FastPath.Ports.Registry;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastPath.Ports.Virtual.Tests.AfXdp;

public sealed class AfXdpSpecTests
{
    [Theory]
    [InlineData("af_xdp:eth0:mode=fast", "mode=fast is not a mode; give mode=auto, mode=native or mode=generic")]
    [InlineData("af_xdp:eth0:copy:zerocopy", "':copy' and ':zerocopy' exclude each other")]
    [InlineData("af_xdp:eth0:rxd=70000", "rxd=70000 is out of range")]
    [InlineData("af_xdp:eth0:mode=generic:zerocopy", "zerocopy needs the XDP program in the driver")]
    [InlineData("af_xdp:eth0:rxd=100", "RxRingSize must be a power of two")]
    public void BadSpecs_AreOneLineNamingTheFix_BeforeAnySocket(string text, string expected)
    {
        using PacketPool pool = TestPools.Create(count: 8192);
        var context = new PortOpenContext { PortId = 0, Pool = pool, LoggerFactory = NullLoggerFactory.Instance };

        UsageException error = Assert.Throws<UsageException>(() => VirtualPortDrivers.AfXdp.Open(PortSpec.Parse(text, VirtualPortDrivers.AfXdp), context));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(0, pool.InUse);
    }
}
