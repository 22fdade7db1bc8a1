namespace L3Router.Tests;

public sealed class RouterCountersTests
{
    [Fact]
    public void Records_each_cause_and_each_port()
    {
        var counters = new RouterCounters(3);
        counters.Record(ForwardResult.ForwardTo(0));
        counters.Record(ForwardResult.ForwardTo(2));
        counters.Record(ForwardResult.ForwardTo(2));
        counters.Record(ForwardResult.Drop(ForwardAction.NotIpv4));
        counters.Record(ForwardResult.Drop(ForwardAction.Malformed));
        counters.Record(ForwardResult.Drop(ForwardAction.Malformed));
        counters.Record(ForwardResult.Drop(ForwardAction.TtlExpired));
        counters.Record(ForwardResult.Drop(ForwardAction.Unroutable));

        Assert.Equal([1L, 0L, 2L], counters.ForwardedPerPort.ToArray());
        Assert.Equal(3, counters.Forwarded);
        Assert.Equal(1, counters.NotIpv4);
        Assert.Equal(2, counters.Malformed);
        Assert.Equal(1, counters.TtlExpired);
        Assert.Equal(1, counters.Unroutable);
        Assert.Equal(5, counters.Dropped);
    }

    [Fact]
    public void Add_sums_the_lcores()
    {
        var total = new RouterCounters(2);
        var lcore0 = new RouterCounters(2);
        var lcore1 = new RouterCounters(2);
        lcore0.Record(ForwardResult.ForwardTo(1));
        lcore0.Record(ForwardResult.Drop(ForwardAction.Unroutable));
        lcore1.Record(ForwardResult.ForwardTo(1));
        lcore1.Record(ForwardResult.ForwardTo(0));
        lcore1.Record(ForwardResult.Drop(ForwardAction.TtlExpired));

        total.Add(lcore0);
        total.Add(lcore1);

        Assert.Equal([1L, 2L], total.ForwardedPerPort.ToArray());
        Assert.Equal(1, total.Unroutable);
        Assert.Equal(1, total.TtlExpired);
        Assert.Equal(0, total.Malformed);
        Assert.Equal(2, total.Dropped);
        Assert.Equal(2, lcore1.Forwarded); // the added instance is left alone
    }

    [Fact]
    public void Add_needs_the_same_ports()
    {
        Assert.Throws<ArgumentException>(() => new RouterCounters(2).Add(new RouterCounters(3)));
    }

    [Fact]
    public void A_forward_beyond_the_ports_throws()
    {
        Assert.Throws<IndexOutOfRangeException>(() => new RouterCounters(1).Record(ForwardResult.ForwardTo(1)));
    }

    [Fact]
    public void Forwarder_results_feed_the_counters()
    {
        var forwarder = new Ipv4Forwarder(
            RouteTable.Build([new Route(Ipv4Prefix.Parse("10.0.0.0/8"), new NextHop(0x0200_0000_0001, 1))]),
            [0x0200_0000_0A00, 0x0200_0000_0A01]);
        var counters = new RouterCounters(forwarder.PortCount);
        byte[][] burst =
        [
            TestFrames.Ipv4(0x0A00_0001), TestFrames.Ipv4(0x0A00_0002), TestFrames.Ipv4(0x0B00_0001),
            TestFrames.Ipv4(0x0A00_0003, ttl: 1), new byte[10],
        ];
        foreach (byte[] frame in burst)
            counters.Record(forwarder.Process(frame));
        Assert.Equal([0L, 2L], counters.ForwardedPerPort.ToArray());
        Assert.Equal(1, counters.Unroutable);
        Assert.Equal(1, counters.TtlExpired);
        Assert.Equal(1, counters.Malformed);
    }
}
