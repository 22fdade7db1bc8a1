using System.Buffers.Binary;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using FastPath.Drivers.Intel.Tx;
using FastPath.Mempool.Buffers;

namespace FastPath.Benchmarks.Drivers;

/// <summary>
/// The transmit queue's checksum seed alone (<see cref="TxChecksumSeed.Write"/>), per frame, over 32 frames of one
/// kind whose headers sit in 32 distinct buffers: what the seed adds to each offloaded frame of a TxBurst.
/// </summary>
[MemoryDiagnoser]
public unsafe class TxChecksumSeedBenchmarks
{
    private const int Burst = 32;
    private const int Stride = 2048;
    private byte* _frames;
    private PacketBuffer* _buffers;

    /// <summary>What the frames are and ask for.</summary>
    [Params("udp4+ip", "tcp6")]
    public string Frames { get; set; } = "udp4+ip";

    [GlobalSetup]
    public void Setup()
    {
        bool ipv6 = Frames == "tcp6";
        _frames = (byte*)NativeMemory.AlignedAlloc(Burst * Stride, 64);
        _buffers = (PacketBuffer*)NativeMemory.AlignedAlloc((nuint)(Burst * sizeof(PacketBuffer)), 64);
        for (int i = 0; i < Burst; i++)
        {
            var data = new Span<byte>(_frames + i * Stride, 128);
            data.Clear();
            BinaryPrimitives.WriteUInt16BigEndian(data[12..], ipv6 ? (ushort)0x86DD : (ushort)0x0800);
            Span<byte> ip = data[14..];
            ip[0] = ipv6 ? (byte)0x60 : (byte)0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[(ipv6 ? 4 : 2)..], ipv6 ? (ushort)74 : (ushort)114);
            ip[ipv6 ? 6 : 9] = ipv6 ? (byte)6 : (byte)17;
            ip[ipv6 ? 39 : 19] = (byte)i;
            _buffers[i] = new PacketBuffer
            {
                DataLength = 128,
                PacketLength = 128,
                L2Length = 14,
                L3Length = ipv6 ? (byte)40 : (byte)20,
                Flags = ipv6 ? PacketFlags.TxTcpChecksum | PacketFlags.TxIPv6 : PacketFlags.TxIpChecksum | PacketFlags.TxUdpChecksum | PacketFlags.TxIPv4,
            };
        }
    }

    /// <summary>Seeds 32 frames.</summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public void Seed32()
    {
        for (int i = 0; i < Burst; i++)
        {
            TxChecksumSeed.Write(_frames + i * Stride, _buffers + i);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        NativeMemory.AlignedFree(_frames);
        NativeMemory.AlignedFree(_buffers);
    }
}
