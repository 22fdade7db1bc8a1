using FastPath.Hosting.Statistics;

namespace FastPath.Hosting.Tests;

public sealed class StatsTests
{
    [Fact]
    public void WireRateCountsTwentyBytesPerFrame()
    {
        // 14.88 Mpps of 64-byte frames (60 bytes as ports count them) is 10 Gbit/s on the wire.
        Assert.Equal(10.0, Throughput.WireGbps(14_880_952, 14_880_952UL * 60, 1), 3);
        Assert.Equal(14.880952, Throughput.Mpps(14_880_952, 1), 6);
        Assert.Equal(0, Throughput.Mpps(5, 0));
    }

    [Fact]
    public void IntervalTableShowsTotalsAndRatesFromTheDifference()
    {
        StatsRow[] before = [new("0 ring:a", 1_000_000, 64_000_000, 0, 0, 0)];
        StatsRow[] now = [new("0 ring:a", 3_000_000, 192_000_000, 0, 0, 7)];
        string table = StatsTable.FormatInterval(now, before, 2);
        string[] lines = table.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("rx Mpps", lines[0]);
        string[] cells = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["0", "ring:a", "3000000", "0", "7", "1.000", "0.000", "0.704", "0.000"], cells);
    }

    [Fact]
    public void SummaryUsesAveragesOverTheRun()
    {
        string table = StatsTable.FormatSummary([new StatsRow("total", 0, 0, 10_000_000, 640_000_000, 0)], 4);
        Assert.StartsWith("Totals over 4.00 s", table);
        Assert.Contains(" 2.500 ", table);
    }

    [Fact]
    public void RowsSum()
    {
        StatsRow total = StatsRow.Sum("total", [new("a", 1, 2, 3, 4, 5), new("b", 10, 20, 30, 40, 50)]);
        Assert.Equal(new StatsRow("total", 11, 22, 33, 44, 55), total);
    }

    [Fact]
    public void LongNamesAreCut()
    {
        string table = StatsTable.FormatSummary([new StatsRow("0 pcap:/a/very/long/path/capture.pcap (handed)", 0, 0, 0, 0, 0)], 1);
        Assert.Contains("0 pcap:/a/ver…p (handed) ", table);
    }
}
