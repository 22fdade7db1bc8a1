using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Intel.Tx;
using FastPath.Linux.Mmio;
using FastPath.Linux.Threading;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Benchmarks.Drivers;

/// <summary>
/// The forward of <see cref="IntelRingBenchmarks"/> (receive a burst on the shared advanced-descriptor RX ring, send
/// it on the TX ring, recycle completed buffers) at every burst size from 1 to 256, with the NIC stand-in either on
/// the same thread (<see cref="StandInPlacement.SameCore"/>: it writes back exactly one burst before each receive, and
/// the descriptors never leave the core's cache) or on the other core (<see cref="StandInPlacement.OtherCore"/>,
/// <see cref="CrossCoreNicStandIn"/>: it completes descriptors as the driver arms them, so each descriptor's cache line
/// crosses between cores twice per packet, as with a real NIC). Cost is per forwarded packet; the same-core rows
/// include the stand-in's own writes, the cross-core rows the time the driver waits for the stand-in.
/// </summary>
public unsafe class IntelRingForwardBenchmarks
{
    private const int Packets = 8192;
    private const int RingSize = 512;
    private const uint RxOffsets = 0x100;
    private const uint TxOffsets = 0x200;
    private byte* _bar;
    private PacketPool _pool = null!;
    private AdvancedRxQueue<MmioRegisters> _rx = null!;
    private AdvancedTxQueue<MmioRegisters> _tx = null!;
    private AdvancedRxDescriptor* _rxRing;
    private AdvancedTxDescriptor* _txRing;
    private int _rxDeviceIndex;
    private int _txDeviceIndex;
    private CrossCoreNicStandIn? _standIn;
    private Packet[] _burst = null!;

    /// <summary>Packets per RX and TX burst.</summary>
    [Params(1, 2, 4, 8, 16, 32, 64, 128, 256)]
    public int Burst { get; set; }

    /// <summary>Where the NIC stand-in runs.</summary>
    [Params(StandInPlacement.SameCore, StandInPlacement.OtherCore)]
    public StandInPlacement StandIn { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // The benchmark thread stays on the core it started on, so that the stand-in's core is always another one.
        int core = ThreadAffinity.GetAllowedCores()[0];
        ThreadAffinity.PinCurrentThread(core);
        Lcore.SetCurrent(0);
        _burst = new Packet[Burst];
        _bar = (byte*)NativeMemory.AlignedAlloc(0x10000, 4096);
        new Span<byte>(_bar, 0x10000).Clear();
        var registers = new MmioRegisters(_bar, 0x10000);
        _pool = PacketPool.Create("bench", 4096, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never });
        _rx = new AdvancedRxQueue<MmioRegisters>(registers, Offsets(RxOffsets), 0, 0, _pool, new RxQueueOptions { RingSize = RingSize }, RxErrorLayout.Ixgbe82599);
        _tx = new AdvancedTxQueue<MmioRegisters>(registers, Offsets(TxOffsets), 0, IdentityDmaMapper.Instance, new TxQueueOptions { RingSize = RingSize });
        _rx.Configure();
        _rx.Enable(TimeSpan.FromSeconds(1));
        _tx.Configure();
        _tx.Enable(0, TimeSpan.FromSeconds(1));
        _rxRing = (AdvancedRxDescriptor*)((ulong)*(uint*)(_bar + RxOffsets) | ((ulong)*(uint*)(_bar + RxOffsets + 4) << 32));
        _txRing = (AdvancedTxDescriptor*)((ulong)*(uint*)(_bar + TxOffsets) | ((ulong)*(uint*)(_bar + TxOffsets + 4) << 32));
        if (StandIn == StandInPlacement.OtherCore)
        {
            _standIn = new CrossCoreNicStandIn(_rxRing, (uint*)(_bar + Offsets(RxOffsets).Tail), _txRing, (uint*)(_bar + Offsets(TxOffsets).Tail), RingSize, CrossCoreNicStandIn.OtherCore(core));
        }
    }

    /// <summary>Forwards <c>8192</c> packets in bursts of <see cref="Burst"/>.</summary>
    [Benchmark(OperationsPerInvoke = Packets)]
    public int Forward() => StandIn == StandInPlacement.SameCore ? ForwardSameCore() : ForwardOtherCore();

    [GlobalCleanup]
    public void Cleanup()
    {
        _standIn?.Dispose();
        _rx.Dispose();
        _tx.Dispose();
        _pool.Dispose();
        NativeMemory.AlignedFree(_bar);
    }

    private static QueueRegisterOffsets Offsets(uint @base) => new(@base, @base + 4, @base + 8, @base + 0x10, @base + 0x18, @base + 0x28);

    private int ForwardSameCore()
    {
        int burst = Burst;
        int forwarded = 0;
        for (int i = 0; i < Packets / burst; i++)
        {
            CompleteReceive(burst);
            int n = _rx.RxBurst(_burst);
            forwarded += Send(n);
            CompleteTransmit(burst);
        }

        return forwarded;
    }

    private int ForwardOtherCore()
    {
        int forwarded = 0;
        int received = 0;
        while (received < Packets)
        {
            int n = _rx.RxBurst(_burst.AsSpan(0, Math.Min(_burst.Length, Packets - received)));
            received += n;
            forwarded += Send(n);
        }

        return forwarded;
    }

    private int Send(int n)
    {
        int sent = _tx.TxBurst(_burst.AsSpan(0, n));
        if (sent < n)
        {
            _pool.Free(_burst.AsSpan(sent, n - sent));
        }

        return sent;
    }

    private void CompleteReceive(int count)
    {
        for (int i = 0; i < count; i++)
        {
            AdvancedRxDescriptor* d = _rxRing + ((_rxDeviceIndex + i) & (RingSize - 1));
            *(ulong*)d = 0x1234_5678_0000_0012UL;
            *((ulong*)d + 1) = (60UL << 32) | AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket | AdvancedRxStatus.IpChecksumChecked;
        }

        _rxDeviceIndex = (_rxDeviceIndex + count) & (RingSize - 1);
    }

    private void CompleteTransmit(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _txRing[(_txDeviceIndex + i) & (RingSize - 1)].OffloadStatus |= AdvancedTxBits.DescriptorDone;
        }

        _txDeviceIndex = (_txDeviceIndex + count) & (RingSize - 1);
    }
}
