using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;
using FastPath.Ports.Virtual.AfXdp;
using FastPath.Ports.Virtual.Tests.AfPacket;

namespace FastPath.Ports.Virtual.Tests.AfXdp;

/// <summary>
/// AF_XDP and chains: this port binds no multi-buffer sockets (XDP_USE_SG, Linux 6.6+), so a jumbo MTU or chains are
/// refused with the kernel version named, and a chain handed to transmit is an error, freed whole.
/// </summary>
public sealed class AfXdpChainTests
{
    [NetworkNamespaceFact]
    public void A_jumbo_mtu_or_chains_are_refused_naming_the_kernel_needed_and_a_chain_sent_is_freed_and_counted()
    {
        using var link = new XdpVethLink();
        using PacketPool pool = TestPools.Create(count: 2048);
        var generic = new AfXdpPortOptions { Mode = AfXdpAttachMode.Generic, FillRingSize = 512 };
        using AfXdpPort port = link.Left.Run(() => new AfXdpPort(XdpVethLink.LeftInterface, pool, generic));

        PortConfiguration configuration = ((IPort)port).Configuration;
        var mtu = Assert.Throws<ArgumentOutOfRangeException>(() => port.Configure(configuration with { Mtu = 9000 }));
        var scatter = Assert.Throws<ArgumentOutOfRangeException>(() => port.Configure(configuration with { RxOffloads = RxOffloads.Scatter }));

        Version kernel = Environment.OSVersion.Version;
        string expected = kernel < new Version(6, 6) ? $"need Linux 6.6 or later, and this kernel is {kernel.Major}.{kernel.Minor}" : "which this port does not bind";
        Assert.Contains("MTU 9000", mtu.Message);
        Assert.Contains(expected, mtu.Message);
        Assert.Contains("chained packets", scatter.Message);
        Assert.Contains("XDP_USE_SG", scatter.Message);
        Assert.Equal(TxOffloads.None, port.Info.TxOffloads & TxOffloads.MultiSegment);
        Assert.Equal(port.Info.MaxFrameSize, port.Info.MaxRxSegmentSize);

        port.Start();
        Packet chain = TestPools.AllocChain(pool, TestFrames.Udp(1, flow: 1, length: 1000), 500);
        Assert.Equal(1, port.GetTxQueue(0).TxBurst([chain]));
        Assert.Equal(1UL, port.GetStatistics().TxErrors);
        port.Stop();
    }

    [Fact]
    public void The_refusal_names_the_kernel_version_needed_on_an_older_kernel_and_the_missing_binding_on_a_newer_one()
    {
        var jumbo = new PortConfiguration { Mtu = 9000 };

        string old = AfXdpPort.MultiBufferRefusal(jumbo, 2048, new Version(6, 1, 0));
        string newer = AfXdpPort.MultiBufferRefusal(jumbo, 2048, new Version(6, 8, 0));

        Assert.Contains("need Linux 6.6 or later, and this kernel is 6.1", old);
        Assert.Contains("which this port does not bind", newer);
        Assert.Contains("Keep the MTU at most 2034", old);
    }
}
