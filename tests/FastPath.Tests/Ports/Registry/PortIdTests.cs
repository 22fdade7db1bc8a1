using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using FastPath.Ports.Registry;
using FastPath.Ports.Virtual;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastPath.Tests.Ports.Registry;

public sealed class PortIdTests
{
    [Fact]
    public void The_registry_assigns_ids_in_opening_order_and_ports_stamp_them_on_packets()
    {
        using PacketPool pool = TestPools.Create();
        PortRegistry registry = VirtualPortDrivers.CreateRegistry();
        using PortSet ports = PortSet.Open(registry, ["null", "ring:ids", "ring:ids", "null:rx=64"], pool, 1, NullLoggerFactory.Instance);

        Assert.Equal([0, 1, 2, 3], ports.Ports.Select(p => (int)p.Id));
        ports.StartAll();
        var burst = new Packet[4];
        Assert.Equal(4, ports.Ports[3].GetRxQueue(0).RxBurst(burst));
        Assert.All(burst, packet => Assert.Equal(3, packet.Port));
        Assert.Equal(4, ports.Ports[1].GetTxQueue(0).TxBurst(burst));
        Assert.Equal(4, ports.Ports[2].GetRxQueue(0).RxBurst(burst));
        Assert.All(burst, packet => Assert.Equal(2, packet.Port));
        pool.Free(burst);
    }

    [Fact]
    public void Virtual_ports_describe_themselves_and_refuse_what_they_cannot_do_by_name()
    {
        using PacketPool pool = TestPools.Create();
        PortRegistry registry = VirtualPortDrivers.CreateRegistry();
        using PortSet ports = PortSet.Open(registry, ["null:queues=2", "ring:info"], pool, 1, NullLoggerFactory.Instance);
        IPort nullPort = ports.Ports[0];

        Assert.Equal("null", nullPort.Info.Driver);
        Assert.Equal(2, nullPort.RxQueueCount);
        Assert.True(nullPort.Info.Supports(PortCapabilities.Reconfigure));
        Assert.Equal("ring", ports.Ports[1].Info.Driver);
        Assert.Null(nullPort.GetRxQueue(0).WakeSource);

        var error = Assert.Throws<PortCapabilityException>(() => nullPort.SetPromiscuous(true));
        Assert.Equal("Port 0 'null:queues=2' (null) does not support Promiscuous; null ports support: Reconfigure.", error.Message);
        Assert.Throws<PortCapabilityException>(() => ports.Ports[1].SetMacAddress(new FastPath.Net.MacAddress(0x02_00_00_00_00_09)));
    }

    [Fact]
    public void A_ring_port_statistics_reset_starts_its_counters_from_zero()
    {
        using PacketPool pool = TestPools.Create();
        PortRegistry registry = VirtualPortDrivers.CreateRegistry();
        using PortSet ports = PortSet.Open(registry, ["null:rx=64", "ring:reset", "ring:reset"], pool, 1, NullLoggerFactory.Instance);
        ports.StartAll();
        var burst = new Packet[8];
        IPort receiver = ports.Ports[2];
        void Move(int count)
        {
            Assert.Equal(count, ports.Ports[0].GetRxQueue(0).RxBurst(burst.AsSpan(0, count)));
            Assert.Equal(count, ports.Ports[1].GetTxQueue(0).TxBurst(burst.AsSpan(0, count)));
            Assert.Equal(count, receiver.GetRxQueue(0).RxBurst(burst.AsSpan(0, count)));
            pool.Free(burst.AsSpan(0, count));
        }

        Move(8);
        Assert.Equal(8UL, receiver.GetStatistics().RxPackets);
        receiver.ResetStatistics();
        Assert.Equal(0UL, receiver.GetStatistics().RxPackets);
        Assert.Contains(new ExtendedStatistic("rx_good_packets", 0), receiver.GetExtendedStatistics());
        Move(3);
        Assert.Equal(3UL, receiver.GetStatistics().RxPackets);
        Assert.Contains(new ExtendedStatistic("rx_q0_packets", 3), receiver.GetExtendedStatistics());
        Assert.Equal(11UL, ports.Ports[1].GetStatistics().TxPackets);
    }

    [Fact]
    public void A_null_port_is_reconfigured_between_stop_and_start_and_a_pcap_writer_says_it_cannot_be()
    {
        using PacketPool pool = TestPools.Create();
        PortRegistry registry = VirtualPortDrivers.CreateRegistry();
        string path = Path.Combine(Path.GetTempPath(), $"fastpath-reconfigure-{Environment.ProcessId}.pcap");
        try
        {
            using PortSet ports = PortSet.Open(registry, ["null:rx=64", "pcap-out:" + path], pool, 1, NullLoggerFactory.Instance, usesRx: false);
            IPort port = ports.Ports[0];
            port.Start();
            Assert.Throws<InvalidOperationException>(() => port.Configure(port.Configuration with { RxQueues = 3 }));
            port.Stop();
            port.Configure(port.Configuration with { RxQueues = 3, TxQueues = 2 });
            port.Start();

            Assert.Equal((3, 2), (port.RxQueueCount, port.TxQueueCount));
            var burst = new Packet[4];
            Assert.Equal(4, port.GetRxQueue(2).RxBurst(burst));
            pool.Free(burst);
            Assert.Equal(4UL, port.GetStatistics().RxPackets);
            ports.Ports[1].Configure(ports.Ports[1].Configuration);
            var error = Assert.Throws<PortCapabilityException>(() => ports.Ports[1].Configure(ports.Ports[1].Configuration with { TxQueues = 2 }));
            Assert.Equal(PortCapabilities.Reconfigure, error.Capability);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
