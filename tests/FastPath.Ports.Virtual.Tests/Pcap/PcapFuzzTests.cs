using System.Buffers.Binary;
using CsCheck;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;
using FastPath.Ports.Virtual.Pcap;
using FastPath.Testing;

namespace FastPath.Ports.Virtual.Tests.Pcap;

/// <summary>
/// Fuzzes the pcap reader and the port replaying it with random and mutated files: a file either replays or fails
/// with a <see cref="PcapFormatException"/> naming the offset; the frames replayed are exactly the well-formed
/// records that fit a buffer, in order; after a format error the replay is over; no burst hangs; and every buffer is
/// back in the pool when the port is closed. The files the campaign found are kept in Fuzz/Regressions.
/// </summary>
public sealed class PcapFuzzTests
{
    private const int PoolBuffers = 64;

    /// <summary>A file: a header mostly right, records whose lengths are mostly right, then maybe cut short.</summary>
    private static readonly Gen<byte[]> File =
        Gen.Select(
            Gen.OneOf(0xA1B2C3D4u, 0xA1B23C4Du, 0xD4C3B2A1u, 0x4D3CB2A1u, 0x0A0D0D0Au),
            Gen.Frequency((9, Gen.Const((ushort)2)), (1, Gen.UShort)),
            Gen.OneOf(0u, 60u, 1514u, 65535u, uint.MaxValue),
            Gen.Frequency((9, Gen.Const(1u)), (1, Gen.UInt)),
            Gen.Select(Gen.Frequency((6, Gen.Int[0, 200]), (2, Gen.Int[1400, 2200]), (1, Gen.Int[2200, 4000])), Gen.Frequency((8, Gen.Const(0)), (1, Gen.Int[-20, 20])), Gen.UInt, Gen.Byte).Array[0, 12],
            Gen.Frequency((4, Gen.Const(-1)), (1, Gen.Int[0, 200])))
        .Select(static (magic, major, snap, link, records, cut) =>
        {
            bool bigEndian = magic is 0xD4C3B2A1u or 0x4D3CB2A1u;
            var bytes = new List<byte>(PcapFiles.Header(bigEndian ? BinaryPrimitives.ReverseEndianness(magic) : magic, bigEndian, major, snap, link));
            foreach ((int length, int lie, uint fraction, byte fill) in records)
            {
                byte[] frame = Enumerable.Range(0, length).Select(i => (byte)(fill + i)).ToArray();
                bytes.AddRange(PcapFiles.Record(frame, fraction: fraction, bigEndian: bigEndian, capturedLength: Math.Max(0, length + lie)));
            }

            return cut >= 0 && cut < bytes.Count ? bytes.GetRange(0, cut).ToArray() : bytes.ToArray();
        });

    private static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 120];

    [Fact]
    public void AnyFileReplaysItsGoodRecordsOrFailsWithAFormatError() =>
        FuzzBudget.Run(Gen.Select(Gen.Frequency((9, File), (1, RandomBytes)), Gen.OneOf(1, 2, 0)), static input => Replay(input.Item1, input.Item2), Print);

    [Fact]
    public void TheReaderReadsOrFailsWithAFormatError() =>
        FuzzBudget.Run(Gen.Frequency((3, File), (1, RandomBytes)), static bytes =>
        {
            try
            {
                using var reader = new PcapReader(new MemoryStream(bytes), "fuzz");
                var data = new byte[70_000];
                for (int record = 0; reader.TryReadRecordHeader(out PcapRecordHeader header); record++)
                {
                    Assert.InRange(header.CapturedLength, 0, (int)Math.Min(reader.Header.SnapLength, int.MaxValue));
                    if (record % 2 == 0 && header.CapturedLength <= data.Length)
                    {
                        reader.ReadData(data);
                    }
                    else
                    {
                        reader.SkipData();
                    }
                }
            }
            catch (PcapFormatException error)
            {
                Assert.StartsWith("Malformed pcap file 'fuzz' at offset ", error.Message, StringComparison.Ordinal);
                Assert.InRange(error.Offset, 0, bytes.Length);
            }
        }, Print);

    public static TheoryData<string> Regressions =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Pcap", "Fuzz", "Regressions"), "*.pcap").Select(Path.GetFileName)!);

    /// <summary>The files the campaign found, replayed once, twice and forever.</summary>
    [Theory]
    [MemberData(nameof(Regressions))]
    public void RegressionFilesReplayOrFailCleanly(string name)
    {
        byte[] bytes = System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Pcap", "Fuzz", "Regressions", name));
        foreach (int loop in (int[])[1, 2, 0])
        {
            Replay(bytes, loop);
        }
    }

    private static string Print(byte[] bytes) => Convert.ToHexString(bytes);

    private static string Print((byte[] Bytes, int Loop) input) => $"loop={input.Loop} {Convert.ToHexString(input.Bytes)}";

    /// <summary>Replays <paramref name="bytes"/> through a port and checks the properties; every burst runs under a watchdog.</summary>
    private static void Replay(byte[] bytes, int loop)
    {
        using PacketPool pool = TestPools.Create(PoolBuffers);
        // Records up to the port's largest frame are replayed, those longer than a buffer as chains.
        List<byte[]> expected = GoodRecordsThatFit(bytes, Math.Max(pool.DataRoom, PacketLayout.JumboDataRoom), out bool malformed);
        PcapReaderPort port;
        try
        {
            port = new PcapReaderPort(new PcapReader(new MemoryStream(bytes), "fuzz"), pool, new PcapReaderPortOptions { LoopCount = loop });
        }
        catch (PcapFormatException error)
        {
            Assert.StartsWith("Malformed pcap file 'fuzz'", error.Message, StringComparison.Ordinal);
            Assert.Equal(pool.Capacity, pool.Available);
            return;
        }

        using (port)
        {
            port.Start();
            IRxQueue queue = port.GetRxQueue(0);
            var burst = new Packet[8];
            int frame = 0;
            bool threw = false;
            for (int round = 0; round < 64 && !port.IsFinished; round++)
            {
                int received = 0;
                Exception? error = null;
                var run = Task.Run(() =>
                {
                    try
                    {
                        received = queue.RxBurst(burst);
                    }
                    catch (Exception e)
                    {
                        error = e;
                    }
                });
                Assert.True(run.Wait(TimeSpan.FromSeconds(10)), $"RxBurst did not return within 10 s (loop={loop}).");
                if (error is not null)
                {
                    Assert.IsType<PcapFormatException>(error);
                    Assert.True(malformed, "Only a malformed file may throw: " + error.Message);
                    Assert.True(port.IsFinished, "After a format error the replay must be over.");
                    threw = true;
                }

                for (int i = 0; i < received; i++, frame++)
                {
                    byte[] want = expected[frame % Math.Max(1, expected.Count)];
                    byte[] got = new byte[burst[i].Length];
                    burst[i].CopyTo(got);
                    Assert.True(got.AsSpan().SequenceEqual(want), $"Frame {frame} differs from record {frame % expected.Count}.");
                }

                pool.Free(burst.AsSpan(0, received));
                Assert.Equal(pool.Capacity, pool.Available);
            }

            if (loop == 1 && port.IsFinished && !threw)
            {
                Assert.Equal(expected.Count, frame);
            }

            if (port.IsFinished)
            {
                Assert.Equal(0, queue.RxBurst(burst));
                Assert.Equal(LinkStatus.Down, port.Link);
            }
        }

        Assert.Equal(pool.Capacity, pool.Available);
    }

    /// <summary>An independent reading of the format: the records before the first malformed one whose data fits <paramref name="dataRoom"/>.</summary>
    private static List<byte[]> GoodRecordsThatFit(byte[] bytes, int dataRoom, out bool malformed)
    {
        var records = new List<byte[]>();
        malformed = true;
        if (bytes.Length < 24)
        {
            return records;
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        bool swapped = magic is 0xD4C3B2A1u or 0x4D3CB2A1u;
        uint Read32(int at) => swapped ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
        uint snap = Read32(16);
        for (int at = 24; ;)
        {
            if (at == bytes.Length)
            {
                malformed = false;
                return records;
            }

            if (bytes.Length - at < 16 || Read32(at + 8) > snap || Read32(at + 8) > int.MaxValue || Read32(at + 12) > int.MaxValue || bytes.Length - at - 16 < Read32(at + 8))
            {
                return records;
            }

            int length = (int)Read32(at + 8);
            if (length <= dataRoom)
            {
                records.Add(bytes.AsSpan(at + 16, length).ToArray());
            }

            at += 16 + length;
        }
    }
}
