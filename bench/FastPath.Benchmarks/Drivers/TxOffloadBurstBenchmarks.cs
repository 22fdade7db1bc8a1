using System.Buffers.Binary;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Tx;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Benchmarks.Drivers;

/// <summary>
/// Cost per packet of the shared Intel transmit path (82599 and 82576) for frames that ask for checksum offloads,
/// burst 32: UDP over IPv4 with the IPv4 header checksum, TCP over IPv6, and frames without requests for reference.
/// Each operation allocates 32 buffers (their headers were written once at setup), sets length, header lengths and
/// flags, calls TxBurst (seed, context descriptor when it changes, data descriptors, one tail write, lazy reclaim) and
/// completes the descriptors as a NIC stand-in. Registers are a plain memory page behind <see cref="MmioRegisters"/>.
/// </summary>
[MemoryDiagnoser]
public unsafe class TxOffloadBurstBenchmarks
{
    private const int Burst = 32;
    private const int RingSize = 512;
    private const int FrameLength = 128;
    private byte* _bar;
    private PacketPool _pool = null!;
    private AdvancedTxQueue<MmioRegisters> _tx = null!;
    private AdvancedTxDescriptor* _txRing;
    private int _txDeviceIndex;
    private readonly Packet[] _burst = new Packet[Burst];

    /// <summary>What the frames are and ask for.</summary>
    [Params("none", "udp4+ip", "tcp6")]
    public string Frames { get; set; } = "none";

    [GlobalSetup]
    public void Setup()
    {
        Lcore.SetCurrent(0);
        _bar = (byte*)NativeMemory.AlignedAlloc(0x10000, 4096);
        new Span<byte>(_bar, 0x10000).Clear();
        var registers = new MmioRegisters(_bar, 0x10000);
        _pool = PacketPool.Create("bench", 4096, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never });
        _tx = new AdvancedTxQueue<MmioRegisters>(registers, new QueueRegisterOffsets(0x200, 0x204, 0x208, 0x210, 0x218, 0x228), 0, IdentityDmaMapper.Instance, new TxQueueOptions { RingSize = RingSize });
        _tx.Configure();
        _tx.Enable(0, TimeSpan.FromSeconds(1));
        _txRing = (AdvancedTxDescriptor*)((ulong)*(uint*)(_bar + 0x200) | ((ulong)*(uint*)(_bar + 0x204) << 32));
        var all = new Packet[_pool.Capacity];
        int n = _pool.Alloc(all);
        for (int i = 0; i < n; i++)
        {
            WriteHeaders(all[i].DataPointer, Frames == "tcp6");
        }

        _pool.Free(all.AsSpan(0, n));
    }

    /// <summary>TxBurst of 32 frames of <see cref="Frames"/>, NIC stand-in completion included.</summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public int TxBurst32()
    {
        int n = _pool.Alloc(_burst);
        (PacketFlags flags, byte l3) = Frames switch
        {
            "udp4+ip" => (PacketFlags.TxIpChecksum | PacketFlags.TxUdpChecksum | PacketFlags.TxIPv4, (byte)20),
            "tcp6" => (PacketFlags.TxTcpChecksum | PacketFlags.TxIPv6, (byte)40),
            _ => (PacketFlags.None, (byte)0),
        };
        for (int i = 0; i < n; i++)
        {
            ref PacketBuffer metadata = ref _burst[i].Metadata;
            metadata.DataLength = FrameLength;
            metadata.PacketLength = FrameLength;
            metadata.L2Length = 14;
            metadata.L3Length = l3;
            metadata.Flags = flags;
        }

        int sent = _tx.TxBurst(_burst.AsSpan(0, n));
        for (int i = 0; i < Burst; i++)
        {
            _txRing[(_txDeviceIndex + i) & (RingSize - 1)].OffloadStatus |= AdvancedTxBits.DescriptorDone;
        }

        _txDeviceIndex = (_txDeviceIndex + Burst) & (RingSize - 1);
        return sent;
    }

    private static void WriteHeaders(byte* frame, bool ipv6)
    {
        var data = new Span<byte>(frame, FrameLength);
        data.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(data[12..], ipv6 ? (ushort)0x86DD : (ushort)0x0800);
        Span<byte> ip = data[14..];
        if (ipv6)
        {
            ip[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], FrameLength - 54);
            ip[6] = 6;
            ip[7] = 64;
            ip[23] = 1;
            ip[39] = 2;
        }
        else
        {
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], FrameLength - 14);
            ip[8] = 64;
            ip[9] = 17;
            BinaryPrimitives.WriteUInt32BigEndian(ip[12..], 0x0A00_0001);
            BinaryPrimitives.WriteUInt32BigEndian(ip[16..], 0x0A00_0002);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tx.Dispose();
        _pool.Dispose();
        NativeMemory.AlignedFree(_bar);
    }
}
