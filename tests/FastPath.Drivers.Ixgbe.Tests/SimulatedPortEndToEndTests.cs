using FastPath.Ports.Virtual;
using FastPath.Drivers.Ixgbe.Model.Ports;
using FastPath.Ports.Registry;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Net;
using FastPath.Ports;
using FastPath.Traffic.Forwarding;
using FastPath.Traffic.Generator;
using FastPath.Traffic.Receiver;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastPath.Drivers.Ixgbe.Tests;

/// <summary>
/// pktgen → sim:ixgbe ⇄ sim:ixgbe → l2fwd → sim:ixgbe ⇄ sim:ixgbe → receiver in one thread, through the library and
/// the port factory, as the applications wire it: the models' DMA engines run on their own threads, and the loop
/// counts a round as idle only once every engine has served the doorbells rung so far.
/// </summary>
public class SimulatedPortEndToEndTests
{
    [Theory]
    [InlineData(1, 512)]
    [InlineData(1, 128)]
    [InlineData(2, 512)]
    public void ForwardsEveryFrameOnceWithMacRewriteAndNoDmaViolation(int queues, int descriptors)
    {
        const ulong Count = 20_000;
        PortRegistry factory = VirtualPortDrivers.CreateRegistry();
        SimulatedIxgbePortDrivers.RegisterWith(factory);
        using PacketPool pool = PacketPool.Create("e2e", 16384, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 0 });
        string suffix = $"{queues}-{descriptors}";
        string[] specs =
        [
            $"sim:ixgbe:link=in{suffix}:rxd={descriptors}:txd={descriptors}",
            $"sim:ixgbe:link=out{suffix}:rxd=2048:txd=2048",
            $"sim:ixgbe:link=in{suffix}:rxd={descriptors}:txd={descriptors}",
            $"sim:ixgbe:link=out{suffix}:rxd=2048:txd=2048",
        ];
        var simulated = new List<SimulatedIxgbePort>();
        using (PortSet opened = PortSet.Open(factory, specs, pool, queues, NullLoggerFactory.Instance))
        {
            simulated.AddRange(opened.Ports.Cast<SimulatedIxgbePort>());
            (IPort forwardIn, IPort forwardOut, IPort generatorPort, IPort receiverPort) = (opened.Ports[0], opened.Ports[1], opened.Ports[2], opened.Ports[3]);
            opened.StartAll();
            Assert.True(forwardIn.Link.IsUp);

            var generator = new TrafficGenerator(pool, generatorPort.GetTxQueue(0), generatorPort.MacAddress, new GeneratorSettings { Count = Count });
            var counters = new ForwardingCounters(2);
            var forwarder = new L2Forwarder(
                Enumerable.Range(0, queues).Select(q => new ForwardingRoute(0, forwardIn.GetRxQueue(q), 1, forwardOut.GetTxQueue(q), forwardOut.MacAddress)),
                counters);
            var checkedQueues = Enumerable.Range(0, queues).Select(q => new MacCheckingRxQueue(receiverPort.GetRxQueue(q), new MacAddress(0x02_00_00_00_00_01), forwardOut.MacAddress)).ToArray();
            TrafficReceiver[] receivers = [.. checkedQueues.Select(q => new TrafficReceiver(q))];

            for (int idle = 0; idle < 1000 && receivers.Sum(r => (long)r.Packets) < (long)Count;)
            {
                int work = generator.Poll() + forwarder.Poll() + receivers.Sum(r => r.Poll());
                if (work == 0)
                {
                    Assert.All(simulated, port => Assert.True(port.Device.Model.WaitUntilIdle(TimeSpan.FromSeconds(10))));
                }

                idle = work == 0 ? idle + 1 : 0;
            }

            generator.Finish();
            forwarder.Finish();
            foreach (TrafficReceiver receiver in receivers)
            {
                receiver.Finish();
            }

            Assert.All(simulated, port => Assert.Empty(port.Device.Model.Violations));
            Assert.Equal(0UL, forwardIn.GetStatistics().RxMissed);
            Assert.Equal(Count, forwardIn.GetStatistics().RxPackets);
            ReceiverSummary summary = ReceiverSummary.Combine(receivers);
            Assert.Equal(Count, generator.Counters.Packets);
            Assert.Equal(Count, summary.Packets);
            Assert.Equal(Count, summary.Unique);
            Assert.Equal(0UL, summary.Lost);
            Assert.Equal(0UL, summary.Duplicates);
            Assert.Equal(0UL, counters.Dropped(1));
            Assert.Equal(Count, (ulong)checkedQueues.Sum(q => (long)q.Checked));
            Assert.Equal(0UL, (ulong)checkedQueues.Sum(q => (long)q.Mismatched));
            Assert.Equal(0UL, forwardIn.GetStatistics().RxMissed);
        }

        Assert.Equal(pool.Capacity, pool.Available);
        Assert.All(simulated, port => Assert.Empty(port.Device.Model.Violations));
    }
}
