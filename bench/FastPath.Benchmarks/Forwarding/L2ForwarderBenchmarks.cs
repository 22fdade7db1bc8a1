using BenchmarkDotNet.Attributes;
using FastPath.Lcores;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using FastPath.Ports.Virtual.Ring;
using FastPath.Traffic.Forwarding;

namespace FastPath.Benchmarks.Forwarding;

/// <summary>
/// l2fwd's loop on one thread under each TX drain policy: a burst goes into the forwarder's input link, one
/// <see cref="L2Forwarder.Poll"/> receives it, rewrites the MACs and buffers it for the output link, and the frames
/// that came out are fed back in. <see cref="Burst"/> 32 is a full load (every RX burst full), 8 a light one (every RX
/// burst short: adaptive sends 8 at a time, the 100 µs timer gathers 32). Cost is per poll, that is per burst of
/// <see cref="Burst"/> frames received, forwarded and fed back.
/// </summary>
public class L2ForwarderBenchmarks
{
    private const int Polls = 1000;
    private PacketPool _pool = null!;
    private RingPort[] _ports = null!;
    private ITxQueue _source = null!;
    private IRxQueue _sink = null!;
    private L2Forwarder _forwarder = null!;
    private Packet[] _spare = null!;
    private int _spareCount;

    [Params("adaptive", "100us")]
    public string Drain { get; set; } = "adaptive";

    [Params(8, 32)]
    public int Burst { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Lcore.SetCurrent(0);
        _pool = PacketPool.Create("l2fwd-bench", 2048, IdentityDmaMapper.Instance, new PacketPoolOptions { CacheSize = 0 });
        (RingPort source, RingPort input) = RingPort.CreatePair(new RingPortOptions { RingSize = 1024 });
        (RingPort output, RingPort sink) = RingPort.CreatePair(new RingPortOptions { RingSize = 1024 });
        _ports = [source, input, output, sink];
        foreach (RingPort port in _ports)
        {
            port.Start();
        }

        _source = source.GetTxQueue(0);
        _sink = sink.GetRxQueue(0);
        _forwarder = new L2Forwarder([new ForwardingRoute(0, input.GetRxQueue(0), 1, output.GetTxQueue(0), output.MacAddress)], new ForwardingCounters(2), drain: TxDrainPolicy.Parse(Drain));
        _spare = new Packet[512];
        _spareCount = _pool.Alloc(_spare.AsSpan(0, 256));
        foreach (Packet packet in _spare.AsSpan(0, _spareCount))
        {
            packet.Length = 60;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _forwarder.Finish();
        _spareCount += _sink.RxBurst(_spare.AsSpan(_spareCount));
        _pool.Free(_spare.AsSpan(0, _spareCount));
        foreach (RingPort port in _ports)
        {
            port.Dispose();
        }

        _pool.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Polls)]
    public int Forward()
    {
        int forwarded = 0;
        int burst = Burst;
        for (int i = 0; i < Polls; i++)
        {
            _spareCount -= _source.TxBurst(_spare.AsSpan(_spareCount - burst, burst));
            forwarded += _forwarder.Poll();
            _spareCount += _sink.RxBurst(_spare.AsSpan(_spareCount, Math.Min(64, _spare.Length - _spareCount)));
        }

        return forwarded;
    }
}
