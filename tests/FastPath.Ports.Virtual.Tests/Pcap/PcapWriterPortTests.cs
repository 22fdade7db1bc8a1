using System.Diagnostics;
using System.Text.Json;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Pcap;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.Tests.Pcap;

public sealed class PcapWriterPortTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"fastpath-{Guid.NewGuid():N}.pcap");

    [Fact]
    public void RecordsEveryFrameAndFreesIt()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        byte[][] frames = Enumerable.Range(0, 40).Select(i => TestPools.NumberedFrame(i, 60 + i * 37)).ToArray();

        using (var port = new PcapWriterPort(_path))
        {
            port.Start();
            Assert.Equal(40, port.GetTxQueue(0).TxBurst(TestPools.AllocFrames(pool, 40, i => frames[i])));
            Assert.Equal(0, pool.InUse);
            Assert.Equal(40UL, port.GetStatistics().TxPackets);
            Assert.Equal((ulong)frames.Sum(f => f.Length), port.GetStatistics().TxBytes);
        }

        using var reader = new PcapReader(_path);
        var buffer = new byte[4096];
        for (int i = 0; i < frames.Length; i++)
        {
            Assert.True(reader.TryReadRecordHeader(out PcapRecordHeader record));
            reader.ReadData(buffer);
            Assert.Equal(frames[i], buffer[..record.CapturedLength]);
        }

        Assert.False(reader.TryReadRecordHeader(out _));
    }

    [Fact]
    public void UsesThePacketsOwnTimestampWhenItHasOne()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        Packet[] packets = TestPools.AllocFrames(pool, 2, i => TestPools.NumberedFrame(i));
        packets[0].Metadata.Timestamp = 1_234_567_890_123_456_789UL;
        packets[0].Flags = PacketFlags.Timestamp;
        long before = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

        using (var port = new PcapWriterPort(_path, new PcapWriterPortOptions { NanosecondTimestamps = true }))
        {
            port.Start();
            port.GetTxQueue(0).TxBurst(packets);
        }

        using var reader = new PcapReader(_path);
        Assert.True(reader.Header.NanosecondTimestamps);
        Assert.True(reader.TryReadRecordHeader(out PcapRecordHeader first));
        reader.SkipData();
        Assert.Equal(1_234_567_890_123_456_789L, first.TimestampNanoseconds);
        Assert.True(reader.TryReadRecordHeader(out PcapRecordHeader second));
        Assert.InRange(second.TimestampNanoseconds, before - 1_000_000_000, before + 60_000_000_000);
    }

    [Fact]
    public void StoppedPort_AcceptsNothing()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new PcapWriterPort(_path);
        Packet[] packets = TestPools.AllocFrames(pool, 1, _ => new byte[60]);

        Assert.Equal(0, port.GetTxQueue(0).TxBurst(packets));

        pool.Free(packets);
        Assert.Equal((0, 1), (port.RxQueueCount, port.TxQueueCount));
        Assert.Contains("PcapReaderPort", Assert.Throws<ArgumentOutOfRangeException>(() => port.GetRxQueue(0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => port.GetTxQueue(1));
    }

    [Fact]
    public void BadSnapLength_ThrowsAndLeavesNoFile()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PcapWriterPort(_path, new PcapWriterPortOptions { SnapLength = -1 }));

        Assert.Contains("snap length must be positive", error.Message);
        Assert.False(File.Exists(_path));
    }

    [Fact]
    public void TsharkReadsBackTheFrameCountAndBytesExactly()
    {
        string tshark = FindTshark();
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        byte[][] frames = Enumerable.Range(0, 25).Select(i => TestPools.NumberedFrame(i, 60 + i * 59)).ToArray();
        using (var port = new PcapWriterPort(_path, new PcapWriterPortOptions { SnapLength = 1000 }))
        {
            port.Start();
            port.GetTxQueue(0).TxBurst(TestPools.AllocFrames(pool, frames.Length, i => frames[i]));
        }

        string json = RunTshark(tshark, $"-r {_path} -T json -x");
        JsonElement[] packets = JsonDocument.Parse(json).RootElement.EnumerateArray().ToArray();

        Assert.Equal(frames.Length, packets.Length);
        for (int i = 0; i < frames.Length; i++)
        {
            JsonElement layers = packets[i].GetProperty("_source").GetProperty("layers");
            JsonElement frame = layers.GetProperty("frame");
            Assert.Equal(frames[i].Length.ToString(), frame.GetProperty("frame.len").GetString());
            Assert.Equal(Math.Min(frames[i].Length, 1000).ToString(), frame.GetProperty("frame.cap_len").GetString());
            string raw = layers.GetProperty("frame_raw")[0].GetString()!;
            Assert.Equal(Convert.ToHexStringLower(frames[i].AsSpan(0, Math.Min(frames[i].Length, 1000))), raw);
        }
    }

    [Fact]
    public void RecordsAChainAsOneRecordWithTheTagItAsksForAndFreesEverySegment()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        byte[] frame = TestPools.NumberedFrame(9, length: 6000);
        Packet chain = TestPools.AllocChain(pool, frame, 1500);
        chain.Metadata.VlanTci = 0x6064;
        chain.Flags |= PacketFlags.TxVlan;
        Packet plain = TestPools.AllocChain(pool, frame, 2000);

        using (var port = new PcapWriterPort(_path))
        {
            port.Start();
            Assert.Equal(2, port.GetTxQueue(0).TxBurst([chain, plain]));
            Assert.Equal(0, pool.InUse);
            Assert.Equal(12004UL, port.GetStatistics().TxBytes);
        }

        using var reader = new PcapReader(_path);
        var buffer = new byte[8192];
        Assert.True(reader.TryReadRecordHeader(out PcapRecordHeader tagged));
        reader.ReadData(buffer);
        Assert.Equal([.. frame[..12], 0x81, 0x00, 0x60, 0x64, .. frame[12..]], buffer[..tagged.CapturedLength]);
        Assert.True(reader.TryReadRecordHeader(out PcapRecordHeader untagged));
        reader.ReadData(buffer);
        Assert.Equal(frame, buffer[..untagged.CapturedLength]);
    }

    public void Dispose() => File.Delete(_path);

    private static string FindTshark()
    {
        string? tshark = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(dir => Path.Combine(dir, "tshark")).FirstOrDefault(File.Exists);
        Assert.True(tshark is not null, "tshark is needed to check the pcap output: DEBIAN_FRONTEND=noninteractive apt-get install -y tshark");
        return tshark!;
    }

    private static string RunTshark(string tshark, string arguments)
    {
        using Process process = Process.Start(new ProcessStartInfo(tshark, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"tshark {arguments} failed: {error.Result}");
        return output;
    }
}
