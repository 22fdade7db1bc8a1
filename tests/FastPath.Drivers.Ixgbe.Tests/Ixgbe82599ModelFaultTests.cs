using System.Diagnostics;
using FastPath.Drivers.Ixgbe.Model;
using FastPath.Mempool.Buffers;
using FastPath.Ports;

namespace FastPath.Drivers.Ixgbe.Tests;

/// <summary>
/// Faults injected into the 82599 model while the real driver carries traffic: each is noticed and reported by the
/// driver, and every buffer is back in its pool at the end (<see cref="SimulatedPair"/>'s close runs the pool audit).
/// </summary>
public sealed class Ixgbe82599ModelFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_link_flap_under_traffic_is_noticed_counted_and_traffic_resumes()
    {
        using var pair = new SimulatedPair();
        using var monitor = new LinkMonitor([pair.PortA, pair.PortB], TimeSpan.Zero);
        var changes = new List<LinkChangedEventArgs>();
        monitor.LinkChanged += (_, change) => changes.Add(change);
        Assert.Equal(32, Carry(pair, 32));

        pair.DeviceA.Model.InjectLinkFlap(TimeSpan.FromSeconds(1));
        monitor.Check();
        Assert.False(pair.PortA.Link.IsUp);
        Assert.False(pair.PortB.Link.IsUp);
        // Sent while the link is down: the descriptors complete, the frames are lost on the wire, nothing arrives.
        Assert.Equal(32, pair.PortA.GetTxQueue(0).TxBurst([.. Enumerable.Range(0, 32).Select(_ => pair.Frame(100))]));
        Assert.True(pair.DeviceA.Model.WaitUntilIdle(Patience));
        Assert.Equal(32UL, pair.DeviceA.Model.FramesLostToLinkDown);
        Assert.Empty(pair.Receive(1));

        Assert.True(SpinWait.SpinUntil(() => { monitor.Check(); return monitor.Links.All(l => l.IsUp); }, Patience), "the link did not come back");
        Assert.Equal(32, Carry(pair, 32));
        Assert.Equal(
            [(pair.PortA, false), (pair.PortB, false), (pair.PortA, true), (pair.PortB, true)],
            changes.Select(c => ((IPort)c.Port, c.Current.IsUp)));
        Assert.All([pair.PortA, pair.PortB], port => Assert.Equal(1UL, Statistic(port, "link_down_events")));
    }

    [Fact]
    public void Receive_descriptors_written_back_with_errors_are_counted_freed_and_good_frames_go_on()
    {
        using var pair = new SimulatedPair();
        pair.DeviceB.Model.InjectRxErrors(0.1, seed: 13);
        int received = 0;
        for (int round = 0; round < 40; round++)
        {
            received += Carry(pair, 25);
        }

        ulong injected = pair.DeviceB.Model.RxErrorsInjected;
        Assert.InRange(injected, 50UL, 150UL);
        Assert.Equal(1000UL - injected, (ulong)received);
        PortStatistics statistics = pair.PortB.GetStatistics();
        Assert.Equal(injected, statistics.RxErrors);
        Assert.Equal((ulong)received, statistics.RxPackets);

        pair.DeviceB.Model.InjectRxErrors(0, seed: 0);
        Assert.Equal(64, Carry(pair, 64));
        Assert.Equal(injected, pair.DeviceB.Model.RxErrorsInjected);
    }

    [Fact]
    public void Dma_to_an_unmapped_iova_faults_in_the_iommu_stops_the_queue_and_the_driver_reports_it()
    {
        using var pair = new SimulatedPair { ExpectDmaViolations = true };
        Assert.Equal(16, Carry(pair, 16));

        pair.DeviceB.Model.InjectUnmappedDma(0);
        Assert.Equal(0, Carry(pair, 16));
        Assert.True(pair.DeviceB.Model.IsRxQueueFaulted(0));
        DmaViolation fault = Assert.Single(pair.DeviceB.Model.Violations);
        Assert.Contains("RX queue 0 frame write into unmapped memory", fault.Reason, StringComparison.Ordinal);

        // The driver learns of it on its next control-path poll, counts it and keeps counting the frames the stopped
        // queue drops; then the port stops cleanly (the close audits every buffer back).
        Assert.True(pair.PortB.Link.IsUp);
        Assert.Equal(1UL, pair.PortB.Health.DmaErrorEvents);
        Assert.Equal(1UL, Statistic(pair.PortB, "dma_error_events"));
        Assert.Equal(15UL, pair.PortB.GetStatistics().RxMissed);
        pair.PortB.Stop();
        Assert.Single(pair.DeviceB.Model.Violations);
    }

    [Fact]
    public void A_surprise_removal_is_detected_and_the_port_stops_without_waiting_on_the_device()
    {
        var patientHandshakes = new IxgbePortOptions { HandshakeTimeout = TimeSpan.FromSeconds(30) };
        using var pair = new SimulatedPair(patientHandshakes, patientHandshakes);
        Assert.Equal(16, Carry(pair, 16));
        // Frames written back into B's ring, not yet received, when the device goes.
        pair.PortA.GetTxQueue(0).TxBurst([.. Enumerable.Range(0, 8).Select(_ => pair.Frame(100))]);
        Assert.True(pair.DeviceA.Model.WaitUntilIdle(Patience));

        pair.DeviceB.Model.InjectSurpriseRemoval();
        Assert.False(pair.PortB.Link.IsUp);
        Assert.True(pair.PortB.Health.IsRemoved);
        Assert.Equal(1UL, Statistic(pair.PortB, "device_removed"));
        Assert.False(pair.PortA.Link.IsUp);
        // Frames the device wrote back before it went are in host memory and still come out; nothing comes after.
        var burst = new Packet[32];
        Assert.Equal(8, pair.PortB.GetRxQueue(0).RxBurst(burst));
        pair.RxPoolB.Free(burst.AsSpan(0, 8));
        pair.PortA.GetTxQueue(0).TxBurst([.. Enumerable.Range(0, 8).Select(_ => pair.Frame(100))]);
        Assert.True(pair.DeviceA.Model.WaitUntilIdle(Patience));
        Assert.Equal(0, pair.PortB.GetRxQueue(0).RxBurst(burst));

        // With 30-second handshakes, a stop that waited for RXDCTL.ENABLE to clear on a gone device would take 30 s.
        var watch = Stopwatch.StartNew();
        pair.PortB.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopping a removed device took {watch.Elapsed}");
        Assert.Contains("the device is gone", Assert.Throws<InvalidOperationException>(pair.PortB.Start).Message, StringComparison.Ordinal);
        Assert.Equal(pair.RxPoolB.Capacity, pair.RxPoolB.Available);
    }

    /// <summary>Sends <paramref name="count"/> frames A → B and returns how many arrived (freeing them).</summary>
    private static int Carry(SimulatedPair pair, int count)
    {
        Assert.Equal(count, pair.PortA.GetTxQueue(0).TxBurst([.. Enumerable.Range(0, count).Select(_ => pair.Frame(100))]));
        List<Packet> received = pair.Receive(count);
        pair.RxPoolB.Free([.. received]);
        return received.Count;
    }

    private static ulong Statistic(IPort port, string name) => port.GetExtendedStatistics().Single(x => x.Name == name).Value;
}
