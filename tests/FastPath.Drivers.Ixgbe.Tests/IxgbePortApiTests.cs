using FastPath.Drivers.Ixgbe.Model;
using FastPath.Drivers.Ixgbe.Registers;
using FastPath.Linux.Events;
using FastPath.Mempool.Buffers;
using FastPath.Ports;

namespace FastPath.Drivers.Ixgbe.Tests;

/// <summary>The 82599 port through the engine's port API only (IPort, IRxQueue), against the model.</summary>
public sealed class IxgbePortApiTests
{
    [Fact]
    public void Info_describes_the_82599()
    {
        using var pair = new SimulatedPair();
        IPort port = pair.PortA;
        PortInfo info = port.Info;

        Assert.Equal("ixgbe", info.Driver);
        Assert.Equal(IxgbePortOptions.MaxQueues, info.MaxRxQueues);
        Assert.Equal(new DescriptorLimits(64, 4096, 8), info.RxDescriptors);
        Assert.Contains(10000, info.LinkSpeedsMbps);
        Assert.True(info.Supports(PortCapabilities.Promiscuous));
        Assert.False(info.Supports(PortCapabilities.WakeSource));
        Assert.True(info.TxOffloads.HasFlag(TxOffloads.TcpChecksum));
        Assert.Null(port.GetRxQueue(0).WakeSource);
    }

    [Fact]
    public void Promiscuous_mode_is_set_through_the_port_interface()
    {
        using var pair = new SimulatedPair();
        IPort port = pair.PortB;
        port.SetPromiscuous(false);
        uint bits = IxgbeBits.FilterUnicastPromiscuous | IxgbeBits.FilterMulticastPromiscuous;
        Assert.Equal(0u, pair.DeviceB.Model.ReadRegister(IxgbeRegister.FilterControl) & bits);
        port.SetPromiscuous(true);
        Assert.Equal(bits, pair.DeviceB.Model.ReadRegister(IxgbeRegister.FilterControl) & bits);
    }

    [Fact]
    public void Unsupported_operations_name_the_kind_and_the_capability()
    {
        using var pair = new SimulatedPair();
        IPort port = pair.PortA;
        var error = Assert.Throws<PortCapabilityException>(() => port.SetMtu(9000));
        Assert.Equal(PortCapabilities.Mtu, error.Capability);
        Assert.Contains("(ixgbe) does not support Mtu; ixgbe ports support: Promiscuous", error.Message);
    }

    [Fact]
    public void The_wake_source_is_the_queues_interrupt_and_fires_on_traffic()
    {
        var idle = new IxgbePortOptions { IdleInterruptThreshold = TimeSpan.FromMilliseconds(1), InterruptThrottle = TimeSpan.Zero };
        using var pair = new SimulatedPair(null, idle);
        IPort port = pair.PortB;
        Assert.True(port.Info.Supports(PortCapabilities.WakeSource));
        IRxQueue queue = port.GetRxQueue(0);
        IWakeSource wake = queue.WakeSource ?? throw new InvalidOperationException("no wake source");
        using var waiter = new EpollWaiter();
        waiter.Add(wake.Handle, 7);
        Span<ulong> ready = stackalloc ulong[1];

        Assert.True(wake.Arm());
        Assert.Equal(0, waiter.Wait(ready, 20));
        pair.PortA.GetTxQueue(0).TxBurst([pair.Frame(100)]);
        Assert.Equal(1, waiter.Wait(ready, 10_000));
        Assert.Equal(7UL, ready[0]);
        wake.Disarm();

        // A frame already waiting: arming refuses, so the lcore does not sleep on it.
        Assert.False(wake.Arm());
        var burst = new Packet[4];
        Assert.Equal(1, queue.RxBurst(burst));
        pair.RxPoolB.Free(burst.AsSpan(0, 1));
        Assert.True(wake.Arm());
        wake.Disarm();
        waiter.Remove(wake.Handle);
    }

    [Fact]
    public void Extended_statistics_name_totals_and_queues()
    {
        using var pair = new SimulatedPair();
        pair.PortA.GetTxQueue(0).TxBurst([pair.Frame(100), pair.Frame(200)]);
        var burst = new Packet[4];
        int got = 0;
        for (int i = 0; i < 1000 && got < 2; i++)
        {
            got += pair.PortB.GetRxQueue(0).RxBurst(burst.AsSpan(got));
        }

        pair.RxPoolB.Free(burst.AsSpan(0, got));
        IReadOnlyList<ExtendedStatistic> xstats = ((IPort)pair.PortB).GetExtendedStatistics();
        Assert.Contains(new ExtendedStatistic("rx_good_packets", 2), xstats);
        Assert.Contains(xstats, x => x.Name == "rx_q0_packets" && x.Value == 2);
        Assert.Contains(new ExtendedStatistic("gprc", 2), xstats);
        Assert.Contains(new ExtendedStatistic("qprc_0", 2), xstats);
        Assert.Equal(xstats.Count, xstats.Select(x => x.Name).Distinct().Count());
    }

    [Fact]
    public void A_statistics_reset_zeroes_plain_and_named_counters_which_then_count_on()
    {
        using var pair = new SimulatedPair();
        IPort receiver = pair.PortB;
        Receive(pair, 3);
        receiver.ResetStatistics();
        Assert.Equal(0UL, receiver.GetStatistics().RxPackets);
        Assert.All(receiver.GetExtendedStatistics(), x => Assert.Equal(0UL, x.Value));

        Receive(pair, 2);
        Assert.Equal(2UL, receiver.GetStatistics().RxPackets);
        Assert.Equal(2UL, receiver.GetStatistics().Queues[0].RxPackets);
        Assert.Contains(new ExtendedStatistic("gprc", 2), receiver.GetExtendedStatistics());
    }

    private static void Receive(SimulatedPair pair, int count)
    {
        for (int i = 0; i < count; i++)
        {
            pair.PortA.GetTxQueue(0).TxBurst([pair.Frame(100)]);
        }

        List<Packet> received = pair.Receive(count);
        pair.RxPoolB.Free(received.ToArray());
    }
}
