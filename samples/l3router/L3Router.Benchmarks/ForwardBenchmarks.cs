using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;

namespace L3Router.Benchmarks;

/// <summary>
/// The per-packet cost of the router's work: <see cref="Ipv4Forwarder.Process"/> (Ethernet and IPv4 checks, the
/// checksum, the route lookup in the 16-8-8 table, TTL decrement, incremental checksum update, MAC rewrite) over a
/// burst of 32 prepared frames in one contiguous buffer, as a real burst sits in pool buffers. Each invocation
/// first restores the two bytes the forwarder changes in the IPv4 header (TTL and checksum) from a saved copy —
/// a 4-byte store per frame — so every iteration forwards the same frames; the MACs are simply rewritten again.
/// </summary>
[MemoryDiagnoser]
public class ForwardBenchmarks
{
    private const int Burst = 32;
    private const int FrameLength = 64;
    private byte[] _frames = [];
    private uint[] _ttlWords = [];
    private Ipv4Forwarder _forwarder = null!;

    /// <summary>Route table: a default route and 1000 /24s and /28s, so lookups hit all three trie levels.</summary>
    [Params(3, 2003)]
    public int Routes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var routes = new List<Route> { new(Ipv4Prefix.Parse("0.0.0.0/0"), new NextHop(0x0200_0000_0001, 0)) };
        routes.Add(new Route(Ipv4Prefix.Parse("10.1.0.0/16"), new NextHop(0x0200_0000_0002, 1)));
        routes.Add(new Route(Ipv4Prefix.Parse("10.1.2.0/24"), new NextHop(0x0200_0000_0003, 2)));
        for (int i = 0; i < (Routes - 3) / 2; i++)
        {
            routes.Add(new Route(Ipv4Prefix.Parse($"10.{2 + i / 256}.{i % 256}.0/24"), new NextHop(0x0200_0000_1000 + (ulong)i, (ushort)(i % 3))));
            routes.Add(new Route(Ipv4Prefix.Parse($"10.{2 + i / 256}.{i % 256}.16/28"), new NextHop(0x0200_0000_2000 + (ulong)i, (ushort)((i + 1) % 3))));
        }

        _forwarder = new Ipv4Forwarder(RouteTable.Build(routes), [0x0200_00AA_0000, 0x0200_00AA_0001, 0x0200_00AA_0002]);
        _frames = new byte[Burst * FrameLength];
        _ttlWords = new uint[Burst];
        var random = new Random(42);
        for (int i = 0; i < Burst; i++)
        {
            // A mix of destinations: the /16, the /24 inside it, the many /24s and /28s, and the default route.
            uint destination = (i % 4) switch
            {
                0 => 0x0A01_0000u | (uint)random.Next(0x10000),
                1 => 0x0A01_0200u | (uint)random.Next(256),
                2 => Routes > 3 ? 0x0A02_0000u | (uint)random.Next(256) << 8 | (uint)random.Next(256) : 0x0A01_0300u,
                _ => 0xC633_6400u | (uint)random.Next(256),
            };
            WriteFrame(_frames.AsSpan(i * FrameLength, FrameLength), destination, (ushort)i);
            _ttlWords[i] = BinaryPrimitives.ReadUInt32BigEndian(_frames.AsSpan(i * FrameLength + 14 + 8));
        }
    }

    /// <summary>Forwards the burst; the result is per burst of 32, and ns/packet is the mean divided by 32.</summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public int ProcessBurst()
    {
        Span<byte> frames = _frames;
        int forwarded = 0;
        for (int i = 0; i < Burst; i++)
        {
            Span<byte> frame = frames.Slice(i * FrameLength, FrameLength);
            BinaryPrimitives.WriteUInt32BigEndian(frame[(14 + 8)..], _ttlWords[i]);
            ForwardResult result = _forwarder.Process(frame);
            forwarded += result.IsForward ? 1 : 0;
        }

        return forwarded;
    }

    /// <summary>The restore alone, to subtract from <see cref="ProcessBurst"/>.</summary>
    [Benchmark(OperationsPerInvoke = Burst, Baseline = true)]
    public int RestoreOnly()
    {
        Span<byte> frames = _frames;
        int sum = 0;
        for (int i = 0; i < Burst; i++)
        {
            Span<byte> frame = frames.Slice(i * FrameLength, FrameLength);
            BinaryPrimitives.WriteUInt32BigEndian(frame[(14 + 8)..], _ttlWords[i]);
            sum += frame[14 + 8];
        }

        return sum;
    }

    private static void WriteFrame(Span<byte> frame, uint destination, ushort id)
    {
        BinaryPrimitives.WriteUInt16BigEndian(frame, 0x0200);
        BinaryPrimitives.WriteUInt32BigEndian(frame[2..], 0x00AA_0000);
        BinaryPrimitives.WriteUInt16BigEndian(frame[6..], 0x0A00);
        BinaryPrimitives.WriteUInt32BigEndian(frame[8..], 0x0000_00BB);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x0800);
        Span<byte> ip = frame[14..];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], 46);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], id);
        ip[8] = 64;
        ip[9] = 17;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], 0xC0A8_0001);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destination);
        uint sum = 0;
        for (int i = 0; i < 20; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(ip[i..]);
        while (sum > 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], (ushort)~sum);
    }
}
