using BenchmarkDotNet.Attributes;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using FastPath.Ports.Virtual.Null;

namespace FastPath.Benchmarks.Ports;

/// <summary>
/// The engine's own per-packet cost with nothing behind the port, as DPDK measures it with testpmd in io-forward
/// mode on two net_null ports (no copy): receive a burst of synthetic 64-byte frames (bulk allocation plus
/// setting lengths) and transmit it (bulk free, packet and byte counting). Cost is per packet, at every burst size
/// from 1 to 256 (bench/compare/run.sh's batch-size sweep).
/// </summary>
public class NullPortBenchmarks
{
    private const int Calls = 1000;
    private PacketPool _pool = null!;
    private NullPort _port = null!;
    private IRxQueue _rx = null!;
    private ITxQueue _tx = null!;
    private Packet[] _packets = null!;
    private NullPort _stopped = null!;
    private IRxQueue _stoppedRx = null!;
    private ITxQueue _stoppedTx = null!;

    [Params(1, 2, 4, 8, 16, 32, 64, 128, 256)]
    public int Burst { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Lcore.SetCurrent(0);
        _pool = PacketPool.Create("null-bench", 8192, IdentityDmaMapper.Instance, new PacketPoolOptions { CacheSize = 512 });
        _port = new NullPort(new NullPortOptions { RxFrameLength = 64, RxPool = _pool });
        _port.Start();
        _rx = _port.GetRxQueue(0);
        _tx = _port.GetTxQueue(0);
        _packets = new Packet[Burst];
        _stopped = new NullPort(new NullPortOptions { RxFrameLength = 64, RxPool = _pool });
        _stoppedRx = _stopped.GetRxQueue(0);
        _stoppedTx = _stopped.GetTxQueue(0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _port.Dispose();
        _stopped.Dispose();
        _pool.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Calls * 32)]
    public int RxTxBurst()
    {
        IRxQueue rx = _rx;
        ITxQueue tx = _tx;
        Span<Packet> packets = _packets;
        int moved = 0;
        // The call count is worked out once: a division per iteration (which the JIT does not hoist, since it could
        // throw) would add an integer division's latency to every burst-1 packet.
        int calls = Calls * 32 / packets.Length;
        for (int i = 0; i < calls; i++)
        {
            int received = rx.RxBurst(packets);
            moved += tx.TxBurst(packets[..received]);
        }

        return moved;
    }

    /// <summary>
    /// The floor under <see cref="RxTxBurst"/>'s fixed cost per burst: the same loop on a port that was never started,
    /// whose queues return at their first check. What is left is the two interface calls, the started check and the
    /// loop; divided by the burst like <see cref="RxTxBurst"/>, so the two subtract directly.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Calls * 32)]
    public int DispatchOnly()
    {
        IRxQueue rx = _stoppedRx;
        ITxQueue tx = _stoppedTx;
        Span<Packet> packets = _packets;
        int moved = 0;
        int calls = Calls * 32 / packets.Length;
        for (int i = 0; i < calls; i++)
        {
            int received = rx.RxBurst(packets);
            moved += tx.TxBurst(packets[..received]);
        }

        return moved;
    }
}
