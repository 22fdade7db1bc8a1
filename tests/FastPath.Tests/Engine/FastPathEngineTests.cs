using FastPath.Drivers.Ixgbe.Model.Ports;
using FastPath.Engine;
using FastPath.Lcores;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastPath.Tests.Engine;

/// <summary>The engine inside a Generic Host: ports opened, lcores run, and a DMA-safe stop with the pool audit.</summary>
public sealed class FastPathEngineTests
{
    [Fact]
    public async Task A_hosted_engine_forwards_and_stops_with_every_buffer_back()
    {
        using IHost host = CreateHost(["null:rx=64", "ring:host", "ring:host"]);
        FastPathEngine engine = host.Services.GetRequiredService<FastPathEngine>();
        var pipeline = (CopyPipeline)host.Services.GetRequiredService<ILcorePipeline>();

        await host.StartAsync();
        Assert.True(engine.IsRunning);
        Assert.Equal([0, 1, 2], engine.Ports.Select(p => (int)p.Id));
        Assert.True(SpinWait.SpinUntil(() => pipeline.Received > 10_000, TimeSpan.FromSeconds(20)), $"received {pipeline.Received}");
        Assert.True(engine.Snapshot().All(l => l.Packets > 0));
        await host.StopAsync();

        Assert.False(engine.IsRunning);
        Assert.Empty(engine.Ports);
        Assert.True(engine.LastAudit?.AllReturned, string.Join("; ", engine.LastAudit?.Lines ?? []));
        Assert.All(pipeline.Received_ports, port => Assert.Equal(2, port));
    }

    [Fact]
    public void A_stopped_engine_starts_again_and_reuses_its_batches()
    {
        using IHost host = CreateHost(["null:rx=64", "ring:again", "ring:again"]);
        FastPathEngine engine = host.Services.GetRequiredService<FastPathEngine>();
        var pipeline = (CopyPipeline)host.Services.GetRequiredService<ILcorePipeline>();
        var batches = new List<PacketBatch>();
        for (int round = 0; round < 2; round++)
        {
            engine.Start();
            Assert.True(SpinWait.SpinUntil(() => pipeline.Received > 1000 * (round + 1), TimeSpan.FromSeconds(20)));
            Assert.True(engine.Stop(), string.Join("; ", engine.LastAudit?.Lines ?? []));
            batches.AddRange(pipeline.LastBatches);
        }

        Assert.Equal(batches[0..2].ToHashSet(ReferenceEqualityComparer.Instance), batches[2..4].ToHashSet(ReferenceEqualityComparer.Instance));
    }

    [Fact]
    public async Task A_bad_port_spec_fails_the_start_with_one_line_and_leaves_nothing_open()
    {
        using IHost host = CreateHost(["null", "nosuch:x"]);
        FastPathEngine engine = host.Services.GetRequiredService<FastPathEngine>();
        var error = await Assert.ThrowsAsync<UsageException>(() => host.StartAsync());
        Assert.StartsWith("Port spec 'nosuch:x': unknown port kind 'nosuch'", error.Message);
        Assert.False(engine.IsRunning);
        Assert.Null(engine.LastAudit);
    }

    [Fact]
    public async Task Host_shutdown_stops_simulated_82599s_before_their_memory_goes()
    {
        using IHost host = CreateHost(["sim:ixgbe:link=host-dma", "sim:ixgbe:link=host-dma", "null:rx=64"], sim: true);
        FastPathEngine engine = host.Services.GetRequiredService<FastPathEngine>();
        var pipeline = (CopyPipeline)host.Services.GetRequiredService<ILcorePipeline>();
        await host.StartAsync();
        var ports = engine.Ports.Take(2).Cast<SimulatedIxgbePort>().ToArray();
        Assert.True(SpinWait.SpinUntil(() => pipeline.Received > 1000, TimeSpan.FromSeconds(20)), $"received {pipeline.Received}");
        await host.StopAsync();

        Assert.True(engine.LastAudit?.AllReturned);
        Assert.All(ports, port => Assert.Empty(port.Device.Model.Violations));
        Assert.All(ports, port => Assert.Equal(0, port.Device.Iommu.MappingCount));
    }

    [Fact]
    public async Task A_surprise_removed_82599_under_traffic_is_detected_and_the_host_stops_with_every_buffer_back()
    {
        using IHost host = CreateHost(["sim:ixgbe:link=host-removal", "sim:ixgbe:link=host-removal", "null:rx=64"], sim: true);
        FastPathEngine engine = host.Services.GetRequiredService<FastPathEngine>();
        var pipeline = (CopyPipeline)host.Services.GetRequiredService<ILcorePipeline>();
        await host.StartAsync();
        var ports = engine.Ports.Take(2).Cast<SimulatedIxgbePort>().ToArray();
        Assert.True(SpinWait.SpinUntil(() => pipeline.Received > 1000, TimeSpan.FromSeconds(20)), $"received {pipeline.Received}");

        // The transmitting 82599 goes while its ring is full of frames: no drain, no disable handshake can complete.
        ports[0].Device.Model.InjectSurpriseRemoval();
        Assert.False(ports[0].Link.IsUp);
        Assert.True(ports[0].Driver.Health.IsRemoved);
        Assert.False(ports[1].Link.IsUp);
        await host.StopAsync();

        Assert.True(engine.LastAudit?.AllReturned, string.Join("; ", engine.LastAudit?.Lines ?? []));
        Assert.All(ports, port => Assert.Empty(port.Device.Model.Violations));
        Assert.All(ports, port => Assert.False(port.Device.Model.IsEngineRunning));
    }

    private static IHost CreateHost(string[] ports, bool sim = false)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        IFastPathBuilder fastPath = builder.Services.AddFastPath(o =>
        {
            foreach (string port in ports)
            {
                o.Ports.Add(port);
            }

            o.PoolSize = 4096;
            o.Hugepages = HugepagePolicy.Never;
            o.PinThreads = false;
            o.Lcores.Add(40);
            o.Lcores.Add(41);
        }).AddVirtualPorts().AddPipeline<CopyPipeline>();
        if (sim)
        {
            fastPath.AddSimulatedIxgbe();
        }

        return builder.Build();
    }

    /// <summary>
    /// Lane 0 sends what a null port synthesizes out of one end of a link; lane 1 counts and frees what the other end
    /// receives: null 0 → ring 1 ⇄ ring 2, or null 2 → sim 0 ⇄ sim 1 (two cabled 82599 models).
    /// </summary>
    private sealed class CopyPipeline : ILcorePipeline
    {
        private long _received;

        public long Received => Interlocked.Read(ref _received);

        public List<int> Received_ports { get; } = [];

        public PacketBatch[] LastBatches { get; private set; } = [];

        public IReadOnlyList<IReadOnlyList<IPollingTask>> CreateLanes(FastPathEngine engine)
        {
            IReadOnlyList<IPort> ports = engine.Ports;
            bool sim = ports[0].Info.Driver == "sim:ixgbe";
            (IPort source, IPort target, IPort sink) = sim ? (ports[2], ports[0], ports[1]) : (ports[0], ports[1], ports[2]);
            LastBatches = [engine.Batches.Get(), engine.Batches.Get()];
            return
            [
                [new Move(source.GetRxQueue(0), target.GetTxQueue(0), LastBatches[0], engine, null)],
                [new Move(sink.GetRxQueue(0), null, LastBatches[1], engine, this)],
            ];
        }

        public void Count(ReadOnlySpan<Packet> packets)
        {
            if (Received_ports.Count < 16)
            {
                lock (Received_ports)
                {
                    foreach (Packet packet in packets)
                    {
                        Received_ports.Add(packet.Port);
                    }
                }
            }

            Interlocked.Add(ref _received, packets.Length);
        }
    }

    private sealed class Move(IRxQueue rx, ITxQueue? tx, PacketBatch batch, FastPathEngine engine, CopyPipeline? counter) : IPollingTask
    {
        public bool IsFinished => false;

        public int Poll()
        {
            int n = rx.RxBurst(batch.Storage);
            if (n == 0)
            {
                return 0;
            }

            Span<Packet> packets = batch.Storage[..n];
            counter?.Count(packets);
            int sent = tx?.TxBurst(packets) ?? 0;
            if (sent < n)
            {
                engine.Pool.Free(packets[sent..]);
            }

            return n;
        }

        public void Finish() => engine.Batches.Return(batch);
    }
}
