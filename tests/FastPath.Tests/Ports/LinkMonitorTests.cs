using FastPath.Ports;
using FastPath.Ports.Virtual.Ring;

namespace FastPath.Tests.Ports;

public sealed class LinkMonitorTests
{
    [Fact]
    public void A_ring_port_link_coming_up_and_going_down_is_observed()
    {
        RingPort first = RingPort.Open("ring:monitor-a");
        using (first)
        {
            using var monitor = new LinkMonitor([first], TimeSpan.Zero);
            var seen = new List<(LinkStatus Previous, LinkStatus Current)>();
            monitor.LinkChanged += (_, change) =>
            {
                Assert.Same(first, change.Port);
                seen.Add((change.Previous, change.Current));
            };
            Assert.False(monitor.Links[0].IsUp);
            monitor.Check();
            Assert.Empty(seen);

            using (RingPort.Open("ring:monitor-a", id: 1))
            {
                monitor.Check();
            }

            monitor.Check();
            monitor.Check();
            Assert.Equal([(LinkStatus.Down, new LinkStatus(true, RingPort.LinkSpeedMbps)), (new LinkStatus(true, RingPort.LinkSpeedMbps), LinkStatus.Down)], seen);
        }
    }

    [Fact]
    public void The_timer_reads_links_without_being_asked()
    {
        RingPort first = RingPort.Open("ring:monitor-b");
        using (first)
        {
            using var changed = new ManualResetEventSlim();
            using var monitor = new LinkMonitor([first], TimeSpan.FromMilliseconds(10));
            monitor.LinkChanged += (_, _) => changed.Set();
            using (RingPort.Open("ring:monitor-b", id: 1))
            {
                Assert.True(changed.Wait(TimeSpan.FromSeconds(10)));
            }
        }
    }
}
