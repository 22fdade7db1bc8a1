using BenchmarkDotNet.Attributes;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using FastPath.Ports.Virtual.Ring;

namespace FastPath.Benchmarks.Ports;

/// <summary>
/// A burst crossing an in-memory link on one thread: transmit on one end (byte counting plus an SP enqueue) and
/// receive on the other (SC dequeue, port stamping and counting), with the same buffers going round, as DPDK's
/// net_ring pair measures with rte_eth_tx_burst / rte_eth_rx_burst. Cost is per packet.
/// </summary>
public class RingPortBenchmarks
{
    private const int Calls = 1000;
    private PacketPool _pool = null!;
    private RingPort _first = null!;
    private RingPort _second = null!;
    private ITxQueue _tx = null!;
    private IRxQueue _rx = null!;
    private Packet[] _packets = null!;

    [Params(8, 32)]
    public int Burst { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Lcore.SetCurrent(0);
        _pool = PacketPool.Create("ring-bench", 1024, IdentityDmaMapper.Instance, new PacketPoolOptions { CacheSize = 0 });
        (_first, _second) = RingPort.CreatePair();
        _first.Start();
        _second.Start();
        _tx = _first.GetTxQueue(0);
        _rx = _second.GetRxQueue(0);
        _packets = new Packet[Burst];
        _pool.Alloc(_packets);
        foreach (Packet packet in _packets)
        {
            packet.Length = 64;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pool.Free(_packets);
        _first.Dispose();
        _second.Dispose();
        _pool.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Calls * 32)]
    public int TxRxBurst()
    {
        ITxQueue tx = _tx;
        IRxQueue rx = _rx;
        Span<Packet> packets = _packets;
        int moved = 0;
        for (int i = 0; i < Calls * 32 / packets.Length; i++)
        {
            tx.TxBurst(packets);
            moved += rx.RxBurst(packets);
        }

        return moved;
    }
}
