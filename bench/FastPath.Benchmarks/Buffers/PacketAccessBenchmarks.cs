using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Benchmarks.Buffers;

/// <summary>
/// What reading a frame costs through each of <see cref="Packet"/>'s ways in, per packet over a burst of 32: the
/// contiguous frame read in place by <see cref="Packet.Data"/> (the path every app used before chains), by
/// <see cref="Packet.GetContiguous"/> (which must cost the same: one test of the next link) and by walking
/// <see cref="Packet.Segments"/>; and a 9000-byte frame chained over five 2 KiB buffers, walked and copied out.
/// Each reads the frame's first and last eight bytes, as a parser reading a header and a trailer would.
/// </summary>
public class PacketAccessBenchmarks
{
    private const int Burst = 32;
    private PacketPool _pool = null!;
    private Packet[] _contiguous = null!;
    private Packet[] _chains = null!;
    private byte[] _scratch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pool = PacketPool.Create("bench-access", 4096, IdentityDmaMapper.Instance, new PacketPoolOptions { CacheSize = 0 });
        _contiguous = new Packet[Burst];
        _chains = new Packet[Burst];
        _scratch = new byte[9000];
        for (int i = 0; i < Burst; i++)
        {
            _pool.TryAlloc(out _contiguous[i]);
            _contiguous[i].Append(1500).Fill((byte)i);
            _pool.TryAlloc(out _chains[i]);
            _chains[i].Append(2048).Fill((byte)i);
            for (int segment = 1; segment < 5; segment++)
            {
                _pool.TryAlloc(out Packet next);
                next.Append(segment < 4 ? 2048 : 9000 - 4 * 2048).Fill((byte)i);
                _chains[i].AppendSegment(next);
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        PacketPool.FreeToOwners(_contiguous);
        PacketPool.FreeToOwners(_chains);
        _pool.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Burst)]
    public ulong ContiguousData()
    {
        ulong sum = 0;
        foreach (Packet packet in _contiguous)
        {
            Span<byte> data = packet.Data;
            sum += BinaryPrimitives.ReadUInt64LittleEndian(data) + BinaryPrimitives.ReadUInt64LittleEndian(data[^8..]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Burst)]
    public ulong ContiguousGetContiguous() => ReadEndsThroughGetContiguous(_contiguous, _scratch);

    [Benchmark(OperationsPerInvoke = Burst)]
    public ulong ContiguousSegments()
    {
        ulong sum = 0;
        foreach (Packet packet in _contiguous)
        {
            foreach (Span<byte> part in packet.Segments)
            {
                sum += BinaryPrimitives.ReadUInt64LittleEndian(part) + BinaryPrimitives.ReadUInt64LittleEndian(part[^8..]);
            }
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Burst)]
    public ulong ChainSegments()
    {
        ulong sum = 0;
        foreach (Packet packet in _chains)
        {
            ulong first = 0, last = 0;
            bool seenFirst = false;
            foreach (Span<byte> part in packet.Segments)
            {
                if (!seenFirst)
                {
                    first = BinaryPrimitives.ReadUInt64LittleEndian(part);
                    seenFirst = true;
                }

                last = BinaryPrimitives.ReadUInt64LittleEndian(part[^8..]);
            }

            sum += first + last;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Burst)]
    public ulong ChainGetContiguous() => ReadEndsThroughGetContiguous(_chains, _scratch);

    private static ulong ReadEndsThroughGetContiguous(Packet[] packets, Span<byte> scratch)
    {
        ulong sum = 0;
        foreach (Packet packet in packets)
        {
            ReadOnlySpan<byte> data = packet.GetContiguous(scratch);
            sum += BinaryPrimitives.ReadUInt64LittleEndian(data) + BinaryPrimitives.ReadUInt64LittleEndian(data[^8..]);
        }

        return sum;
    }
}
