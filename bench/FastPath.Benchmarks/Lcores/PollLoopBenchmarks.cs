using BenchmarkDotNet.Attributes;
using FastPath.Lcores;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using FastPath.Ports.Virtual.Null;

namespace FastPath.Benchmarks.Lcores;

/// <summary>
/// What the lcore loop's own counters (<see cref="PollCounters"/>: rounds, busy rounds, packets) add to a round of
/// polling: the loop runs 1000 rounds of an io-forward task over a null port (RX burst of synthetic 64-byte frames,
/// TX burst back), with and without counters. Cost is per packet.
/// </summary>
public class PollLoopBenchmarks
{
    private const int Rounds = 1000;
    private PacketPool _pool = null!;
    private NullPort _port = null!;
    private ForwardRounds _task = null!;
    private IPollingTask[] _tasks = null!;
    private PollCounters _counters = null!;

    [Params(false, true)]
    public bool Counters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Lcore.SetCurrent(0);
        _pool = PacketPool.Create("poll-bench", 8192, IdentityDmaMapper.Instance, new PacketPoolOptions { CacheSize = 512 });
        _port = new NullPort(new NullPortOptions { RxFrameLength = 64, RxPool = _pool });
        _port.Start();
        _task = new ForwardRounds(_port.GetRxQueue(0), _port.GetTxQueue(0));
        _tasks = [_task];
        _counters = new PollCounters();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _port.Dispose();
        _pool.Dispose();
        Lcore.SetCurrent(Lcore.None);
    }

    [Benchmark(OperationsPerInvoke = Rounds * PacketBatch.DefaultCapacity)]
    public void Poll1000Rounds()
    {
        _task.Reset();
        PollLoop.Run(_tasks, CancellationToken.None, stopWhenFinished: true, Counters ? _counters : null);
    }

    private sealed class ForwardRounds(IRxQueue rx, ITxQueue tx) : IPollingTask
    {
        private readonly Packet[] _burst = new Packet[PacketBatch.DefaultCapacity];
        private int _left;

        public bool IsFinished => _left == 0;

        public void Reset() => _left = Rounds;

        public int Poll()
        {
            int n = rx.RxBurst(_burst);
            tx.TxBurst(_burst.AsSpan(0, n));
            _left--;
            return n;
        }

        public void Finish()
        {
        }
    }
}
