using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Registers;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Intel.Tx;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Benchmarks.Drivers;

/// <summary>
/// Cost per packet of the shared advanced-descriptor rings (the 82599 and 82576 drivers' data path), burst 32:
/// receive (<see cref="RxBurst32"/>), transmit (<see cref="TxBurst32"/>), and a forward (receive, transmit, recycle on
/// completion). A minimal NIC stand-in writes back RX and TX descriptors; its own cost is measured by
/// <see cref="NicStandInReceive"/>, <see cref="NicStandInTransmit"/> and <see cref="NicStandInOnly"/> (both), and the
/// mempool traffic the receive and transmit rows include by <see cref="PoolAllocFree32"/>. Registers are a plain
/// memory page behind the real <see cref="MmioRegisters"/>.
/// </summary>
[MemoryDiagnoser]
public unsafe class IntelRingBenchmarks
{
    private const int Burst = 32;
    private const int RingSize = 512;
    private byte* _bar;
    private PacketPool _pool = null!;
    private AdvancedRxQueue<MmioRegisters> _rx = null!;
    private AdvancedTxQueue<MmioRegisters> _tx = null!;
    private AdvancedRxDescriptor* _rxRing;
    private AdvancedTxDescriptor* _txRing;
    private int _rxDeviceIndex;
    private int _txDeviceIndex;
    private readonly Packet[] _burst = new Packet[Burst];

    /// <summary>The receive decode path.</summary>
    [Params(RxDecodePath.Scalar, RxDecodePath.Vector128, RxDecodePath.Vector256)]
    public RxDecodePath Path { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Lcore.SetCurrent(0);
        _bar = (byte*)NativeMemory.AlignedAlloc(0x10000, 4096);
        new Span<byte>(_bar, 0x10000).Clear();
        var registers = new MmioRegisters(_bar, 0x10000);
        _pool = PacketPool.Create("bench", 4096, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never });
        _rx = new AdvancedRxQueue<MmioRegisters>(registers, new QueueRegisterOffsets(0x100, 0x104, 0x108, 0x110, 0x118, 0x128), 0, 0, _pool, new RxQueueOptions { RingSize = RingSize, DecodePath = Path }, RxErrorLayout.Ixgbe82599);
        _tx = new AdvancedTxQueue<MmioRegisters>(registers, new QueueRegisterOffsets(0x200, 0x204, 0x208, 0x210, 0x218, 0x228), 0, IdentityDmaMapper.Instance, new TxQueueOptions { RingSize = RingSize });
        _rx.Configure();
        _rx.Enable(TimeSpan.FromSeconds(1));
        _tx.Configure();
        _tx.Enable(0, TimeSpan.FromSeconds(1));
        _rxRing = (AdvancedRxDescriptor*)((ulong)*(uint*)(_bar + 0x100) | ((ulong)*(uint*)(_bar + 0x104) << 32));
        _txRing = (AdvancedTxDescriptor*)((ulong)*(uint*)(_bar + 0x200) | ((ulong)*(uint*)(_bar + 0x204) << 32));
    }

    /// <summary>The NIC stand-in alone: writes back 32 RX descriptors and completes 32 TX descriptors.</summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public void NicStandInOnly()
    {
        CompleteReceive();
        CompleteTransmit();
        _rxDeviceIndex = (_rxDeviceIndex - Burst) & (RingSize - 1);
        _txDeviceIndex = (_txDeviceIndex - Burst) & (RingSize - 1);
    }

    /// <summary>The NIC stand-in's receive half alone: writes back 32 RX descriptors.</summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public void NicStandInReceive()
    {
        CompleteReceive();
        _rxDeviceIndex = (_rxDeviceIndex - Burst) & (RingSize - 1);
    }

    /// <summary>The NIC stand-in's transmit half alone: completes 32 TX descriptors.</summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public void NicStandInTransmit()
    {
        CompleteTransmit();
        _txDeviceIndex = (_txDeviceIndex - Burst) & (RingSize - 1);
    }

    /// <summary>
    /// What the receive and transmit rows spend in the mempool: allocating 32 buffers and freeing them (the receive row
    /// frees what it received; the transmit row allocates what it sends).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public int PoolAllocFree32()
    {
        int n = _pool.Alloc(_burst);
        _pool.Free(_burst.AsSpan(0, n));
        return n;
    }

    /// <summary>
    /// Receive: stand-in write-back of 32 descriptors, RxBurst 32 (decode, metadata, ring refill from the pool), then
    /// the application's free of the 32 packets.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public int RxBurst32()
    {
        CompleteReceive();
        int n = _rx.RxBurst(_burst);
        _pool.Free(_burst.AsSpan(0, n));
        return n;
    }

    /// <summary>
    /// Transmit: the application allocates 32 60-byte frames, TxBurst 32 (descriptor writes, one tail write, lazy
    /// reclaim of completed RS groups back to the pool), stand-in completion of the 32 descriptors.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public int TxBurst32()
    {
        int n = _pool.Alloc(_burst);
        for (int i = 0; i < n; i++)
        {
            _burst[i].Length = 60;
        }

        int sent = _tx.TxBurst(_burst.AsSpan(0, n));
        CompleteTransmit();
        return sent;
    }

    /// <summary>Forward: stand-in receive, RxBurst 32, TxBurst 32, stand-in transmit completion (buffers recycled lazily).</summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public int Forward()
    {
        CompleteReceive();
        int n = _rx.RxBurst(_burst);
        int sent = _tx.TxBurst(_burst.AsSpan(0, n));
        CompleteTransmit();
        return sent;
    }

    private void CompleteReceive()
    {
        for (int i = 0; i < Burst; i++)
        {
            AdvancedRxDescriptor* d = _rxRing + ((_rxDeviceIndex + i) & (RingSize - 1));
            *(ulong*)d = 0x1234_5678_0000_0012UL;
            *((ulong*)d + 1) = (60UL << 32) | AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket | AdvancedRxStatus.IpChecksumChecked;
        }

        _rxDeviceIndex = (_rxDeviceIndex + Burst) & (RingSize - 1);
    }

    private void CompleteTransmit()
    {
        for (int i = 0; i < Burst; i++)
        {
            _txRing[(_txDeviceIndex + i) & (RingSize - 1)].OffloadStatus |= AdvancedTxBits.DescriptorDone;
        }

        _txDeviceIndex = (_txDeviceIndex + Burst) & (RingSize - 1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rx.Dispose();
        _tx.Dispose();
        _pool.Dispose();
        NativeMemory.AlignedFree(_bar);
    }
}
