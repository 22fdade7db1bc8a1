using FastPath.Hosting.Cli;
using FastPath.Mempool.Buffers;
using FastPath.Ports;
using FastPath.Ports.Virtual.Null;
using FastPath.Ports.Virtual.Ring;
using FastPath.Testing;

namespace FastPath.Hosting.Tests.Cli;

/// <summary><c>--mtu</c> applied to opened ports: each port's own limit decides, and the refusal names the port.</summary>
public sealed class PortMtuTests
{
    [Fact]
    public void A_port_whose_buffers_cannot_take_the_mtu_is_refused_naming_it_and_its_limit()
    {
        using var pool = TestPools.Create();
        using var port = new NullPort(new NullPortOptions { RxPool = pool, RxFrameLength = 64, Name = "null:rx=64" });

        var error = Assert.Throws<UsageException>(() => PortMtu.Apply([port], 9000));

        Assert.Equal($"--mtu 9000: Port 0 'null:rx=64' (null) takes an MTU from 46 to {pool.DataRoom - 14} bytes; 9000 was asked.", error.Message);
    }

    [Fact]
    public void A_port_that_carries_jumbo_frames_anyway_takes_the_mtu_and_zero_changes_nothing()
    {
        (RingPort a, RingPort b) = RingPort.CreatePair();
        using (a)
        using (b)
        {
            PortMtu.Apply([a, b], 9000);
            PortMtu.Apply([a, b], 0);
            Assert.Equal(PacketLayout.JumboDataRoom - 14, ((IPort)a).Configuration.Mtu);
        }
    }

    [Theory]
    [InlineData(0, 2048, 1)]
    [InlineData(1500, 2048, 1)]
    [InlineData(9000, 2048, 5)]
    [InlineData(9000, 9216, 1)]
    public void The_pool_grows_by_the_segments_a_tagged_frame_of_the_mtu_takes(int mtu, int dataRoom, int segments) =>
        Assert.Equal(segments, MempoolFactory.SegmentsPerFrame(mtu, dataRoom));
}
