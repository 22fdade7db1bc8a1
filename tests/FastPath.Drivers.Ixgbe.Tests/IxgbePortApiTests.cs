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
    public void All_multicast_and_the_mac_address_are_set_through_the_port_interface()
    {
        using var pair = new SimulatedPair();
        IPort port = pair.PortB;
        Assert.True(port.Info.Supports(PortCapabilities.AllMulticast | PortCapabilities.MacAddress | PortCapabilities.Mtu | PortCapabilities.Reconfigure));
        port.SetPromiscuous(false);
        port.SetAllMulticast(true);
        uint filter = pair.DeviceB.Model.ReadRegister(IxgbeRegister.FilterControl);
        Assert.Equal(IxgbeBits.FilterMulticastPromiscuous, filter & (IxgbeBits.FilterMulticastPromiscuous | IxgbeBits.FilterUnicastPromiscuous));
        port.SetAllMulticast(false);
        Assert.Equal(0u, pair.DeviceB.Model.ReadRegister(IxgbeRegister.FilterControl) & IxgbeBits.FilterMulticastPromiscuous);

        var address = new FastPath.Net.MacAddress(0x02_12_34_56_78_9A);
        port.SetMacAddress(address);
        Assert.Equal(address, port.MacAddress);
        Assert.Equal(0x56_34_12_02u, pair.DeviceB.Model.ReadRegister(IxgbeRegister.ReceiveAddressLow(0)));
        Assert.Equal(0x9A_78u | IxgbeBits.ReceiveAddressValid, pair.DeviceB.Model.ReadRegister(IxgbeRegister.ReceiveAddressHigh(0)));
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
        List<Packet> received = pair.Receive(2);
        Assert.Equal(2, received.Count);
        pair.RxPoolB.Free([.. received]);
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

    [Fact]
    public void A_stopped_port_is_reconfigured_and_runs_with_the_new_queues_rings_and_mtu()
    {
        using var pair = new SimulatedPair(dataRoom: PacketLayout.JumboDataRoom, receivePoolSize: 8192);
        IPort port = pair.PortB;
        // VLAN stripping and scatter are offered (Info) but off until asked for.
        Assert.Equal(new PortConfiguration { RxQueues = 1, TxQueues = 1, RxDescriptors = 512, TxDescriptors = 512, Mtu = 1500, RxOffloads = port.Info.RxOffloads & ~(RxOffloads.VlanStrip | RxOffloads.Scatter), TxOffloads = port.Info.TxOffloads }, port.Configuration);
        Assert.Contains("stop it before configuring it", Assert.Throws<InvalidOperationException>(() => port.Configure(port.Configuration with { RxQueues = 2 })).Message);

        port.Stop();
        var next = new PortConfiguration { RxQueues = 4, TxQueues = 4, RxDescriptors = 1024, TxDescriptors = 256, Mtu = 9000 };
        port.Configure(next);
        port.Start();

        Assert.Equal(next, port.Configuration with { RxOffloads = null, TxOffloads = null });
        Assert.Equal(4, port.RxQueueCount);
        Assert.Equal((uint)(9014 + 4) << IxgbeBits.MaxFrameSizeShift, pair.DeviceB.Model.ReadRegister(IxgbeRegister.MaxFrameSize) & 0xFFFF0000);
        Assert.Equal(1024u * 16, pair.DeviceB.Model.ReadRegister(IxgbeRegister.RxLength(3)));
        var sources = Enumerable.Range(0, 64).Select(i => (uint)(0x0A000001 + i)).ToArray();
        foreach (uint source in sources)
        {
            pair.PortA.GetTxQueue(0).TxBurst([pair.Frame(100, sourceAddress: source)]);
        }

        pair.PortA.GetTxQueue(0).TxBurst([pair.Frame(9014)]);
        Assert.True(pair.DeviceA.Model.WaitUntilIdle(TimeSpan.FromSeconds(10)));
        var burst = new Packet[32];
        var perQueue = new int[4];
        for (int round = 0; round < 2000 && perQueue.Sum() < sources.Length + 1; round++)
        {
            for (int q = 0; q < 4; q++)
            {
                int n = port.GetRxQueue(q).RxBurst(burst);
                perQueue[q] += n;
                pair.RxPoolB.Free(burst.AsSpan(0, n));
            }
        }

        Assert.Equal(sources.Length + 1, perQueue.Sum());
        Assert.True(perQueue.Count(n => n > 0) > 1, $"RSS used one queue only: [{string.Join(", ", perQueue)}]");
        Assert.Equal((ulong)(sources.Length + 1), port.GetStatistics().RxPackets);
        Assert.Empty(pair.DeviceB.Model.Violations);
    }

    [Fact]
    public void A_configuration_beyond_the_82599s_limits_names_the_limit()
    {
        using var pair = new SimulatedPair();
        IPort port = pair.PortB;
        port.Stop();
        Assert.Contains("takes receive rings of 64-4096 (multiple of 8) descriptors; 100 was asked", Assert.Throws<ArgumentOutOfRangeException>(() => port.Configure(port.Configuration with { RxDescriptors = 100 })).Message);
        Assert.Contains("takes 1 to 16 receive", Assert.Throws<ArgumentOutOfRangeException>(() => port.Configure(port.Configuration with { RxQueues = 17 })).Message);
        Assert.Contains("takes an MTU from 46 to 9004 bytes; 9005 was asked", Assert.Throws<ArgumentOutOfRangeException>(() => port.SetMtu(9005)).Message);
        Assert.Contains("Enable scatter", Assert.Throws<ArgumentException>(() => port.SetMtu(9000)).Message);
        port.SetMtu(2000);
        Assert.Equal(2000, port.Configuration.Mtu);
    }

    [Fact]
    public void Without_the_rss_offload_every_frame_lands_on_queue_0_without_a_hash()
    {
        using var pair = new SimulatedPair(receivePoolSize: 8192);
        IPort port = pair.PortB;
        port.Stop();
        port.Configure(port.Configuration with { RxQueues = 4, TxQueues = 4, RxOffloads = RxOffloads.Ipv4Checksum | RxOffloads.L4Checksum });
        port.Start();
        Assert.False(port.Configuration.RxOffloads!.Value.HasFlag(RxOffloads.RssHash));
        for (uint i = 0; i < 32; i++)
        {
            pair.PortA.GetTxQueue(0).TxBurst([pair.Frame(100, sourceAddress: 0x0A000001 + i)]);
        }

        List<Packet> received = pair.Receive(32, queue: 0);
        Assert.Equal(32, received.Count);
        Assert.All(received, p => Assert.False(p.Flags.HasFlag(PacketFlags.RssHash)));
        pair.RxPoolB.Free(received.ToArray());
        var burst = new Packet[8];
        Assert.All(Enumerable.Range(1, 3), q => Assert.Equal(0, port.GetRxQueue(q).RxBurst(burst)));
    }

    [Fact]
    public void Without_the_tx_checksum_offload_a_packets_request_is_ignored()
    {
        using var pair = new SimulatedPair();
        IPort sender = pair.PortA;
        sender.Stop();
        Assert.Contains("enables its transmit checksum offloads together", Assert.Throws<ArgumentOutOfRangeException>(() => sender.Configure(sender.Configuration with { TxOffloads = TxOffloads.TcpChecksum })).Message);
        Assert.Contains("always reports receive checksums", Assert.Throws<ArgumentOutOfRangeException>(() => sender.Configure(sender.Configuration with { RxOffloads = RxOffloads.RssHash })).Message);
        sender.Configure(sender.Configuration with { TxOffloads = TxOffloads.None });
        sender.Start();
        pair.PortB.Start();

        Packet frame = pair.Frame(300);
        frame.Data[24] = 0;
        frame.Data[25] = 0;
        frame.Metadata.L2Length = 14;
        frame.Metadata.L3Length = 20;
        frame.Flags = PacketFlags.TxIpChecksum | PacketFlags.TxUdpChecksum | PacketFlags.TxIPv4;
        sender.GetTxQueue(0).TxBurst([frame]);
        List<Packet> received = pair.Receive(1);
        Assert.Single(received);
        Assert.True(received[0].Flags.HasFlag(PacketFlags.IpChecksumBad), "the zeroed IPv4 checksum was computed although the offload is off");
        pair.RxPoolB.Free([.. received]);
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
