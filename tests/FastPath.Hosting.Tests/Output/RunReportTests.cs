using System.Text;
using System.Text.Json;
using FastPath.Hosting.Output;
using FastPath.Hosting.Statistics;

namespace FastPath.Hosting.Tests.Output;

public sealed class RunReportTests
{
    private static readonly string[] s_names = ["0 ring:a", "1 ring:b (port)"];

    [Theory]
    [InlineData(OutputFormat.Json, false)]
    [InlineData(OutputFormat.Text, true)]
    public void AnIntervalAllocatesNothingAfterWarmUp(OutputFormat output, bool crank)
    {
        using RunReport report = RunReport.ForStream("test", new ReportSettings { Output = output, Crank = crank }, Stream.Null);
        StatsReporter reporter = Reporter(report, TextWriter.Null);
        for (int i = 0; i < 5; i++)
        {
            reporter.PrintInterval();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            reporter.PrintInterval();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void JsonOutputIsOneObjectPerIntervalThenTheSummary()
    {
        using var stdout = new MemoryStream();
        using (RunReport report = RunReport.ForStream("test", new ReportSettings { Output = OutputFormat.Json }, stdout))
        {
            StatsReporter reporter = Reporter(report, TextWriter.Null);
            reporter.PrintInterval();
            reporter.PrintInterval();
            report.SetTotals([new StatsRow(s_names[0], 5_000_000, 320_000_000, 7, 420, 0), new StatsRow(s_names[1], 9, 540, 11, 660, 3)], TimeSpan.FromSeconds(2));
            report.SetBuffersReturned(true);
            report.Complete(0);
        }

        string[] lines = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        JsonElement[] objects = [.. lines.Select(line => JsonDocument.Parse(line).RootElement)];
        Assert.All(objects, o => Assert.Equal(1, o.GetProperty("version").GetInt32()));
        Assert.Equal(["interval", "interval", "summary"], objects.Select(o => o.GetProperty("type").GetString()));

        // Cumulative counters, and rates over the interval: the second interval's rate is its delta over its length.
        JsonElement first = objects[0].GetProperty("rows")[0], second = objects[1].GetProperty("rows")[0];
        Assert.Equal("0 ring:a", second.GetProperty("name").GetString());
        ulong delta = second.GetProperty("rx_packets").GetUInt64() - first.GetProperty("rx_packets").GetUInt64();
        Assert.Equal(1_000_000UL, delta);
        double seconds = objects[1].GetProperty("interval_seconds").GetDouble();
        Assert.Equal(delta / seconds / 1e6, second.GetProperty("rx_mpps").GetDouble(), 9);
        Assert.True(objects[1].GetProperty("elapsed_seconds").GetDouble() >= seconds);
        Assert.True(objects[1].GetProperty("process").GetProperty("open_fds").GetInt32() > 0);

        JsonElement summary = objects[2];
        Assert.Equal(0, summary.GetProperty("exit_code").GetInt32());
        Assert.Equal(2.0, summary.GetProperty("elapsed_seconds").GetDouble());
        Assert.True(summary.GetProperty("buffers_returned").GetBoolean());
        JsonElement total = summary.GetProperty("rows")[1];
        Assert.Equal(3UL, total.GetProperty("dropped").GetUInt64());
        Assert.Equal(2.5, summary.GetProperty("rows")[0].GetProperty("rx_mpps").GetDouble(), 9);
        Assert.False(summary.TryGetProperty("receiver", out _), "a run without a receiver has no receiver section");
    }

    [Fact]
    public void CrankBlocksHoldTheProtocolsEntriesAndDescribeEveryNameOnce()
    {
        using var stdout = new MemoryStream();
        using (RunReport report = RunReport.ForStream("pktgen", new ReportSettings { Crank = true }, stdout))
        {
            StatsReporter reporter = Reporter(report, TextWriter.Null);
            reporter.PrintInterval();
            reporter.PrintInterval();
            report.SetTotals([new StatsRow(s_names[0], 0, 0, 0, 0, 0), new StatsRow(s_names[1], 4_000_000, 256_000_000, 11, 660, 3)], TimeSpan.FromSeconds(4));
            report.Complete(0);
        }

        List<JsonElement> blocks = CrankBlocks.Parse(Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal(3, blocks.Count);
        JsonElement[] metadata = [.. blocks[0].GetProperty("Metadata").EnumerateArray()];
        Assert.All(blocks.Skip(1), b => Assert.False(b.TryGetProperty("Metadata", out _)));
        string[] operations = ["First", "Last", "Avg", "Sum", "Median", "Max", "Min", "Count", "All", "Delta"];
        foreach (JsonElement m in metadata)
        {
            Assert.Equal("pktgen", m.GetProperty("Source").GetString());
            Assert.Contains(m.GetProperty("Aggregate").GetString(), operations);
            Assert.Contains(m.GetProperty("Reduce").GetString(), operations);
            foreach (string field in new[] { "Name", "ShortDescription", "LongDescription", "Format" })
            {
                Assert.False(string.IsNullOrEmpty(m.GetProperty(field).GetString()), field);
            }
        }

        HashSet<string> described = [.. metadata.Select(m => m.GetProperty("Name").GetString()!)];
        Assert.Equal(metadata.Length, described.Count);
        var values = new Dictionary<string, double>();
        foreach (JsonElement measurement in blocks.SelectMany(b => b.GetProperty("Measurements").EnumerateArray()))
        {
            string name = measurement.GetProperty("Name").GetString()!;
            Assert.Contains(name, described);
            Assert.Equal(DateTimeKind.Utc, measurement.GetProperty("Timestamp").GetDateTime().Kind);
            values[name] = measurement.GetProperty("Value").GetDouble();
        }

        // The intervals measure the last row (1 000 000 frames a second apart here), the exit its totals.
        Assert.True(values["fastpath/interval/rx-mpps"] > 0);
        Assert.Equal(4_000_000, values["fastpath/rx-packets"]);
        Assert.Equal(11, values["fastpath/tx-packets"]);
        Assert.Equal(3, values["fastpath/dropped"]);
        Assert.Equal(1.0, values["fastpath/rx-mpps"], 9);
        Assert.Equal(4.0, values["fastpath/elapsed"], 9);
    }

    private static StatsReporter Reporter(RunReport report, TextWriter output)
    {
        ulong n = 0;
        var source = new StatsSource(2, rows =>
        {
            n += 1_000_000;
            rows[0] = new StatsRow(s_names[0], n, n * 64, 7, 420, 0);
            rows[1] = new StatsRow(s_names[1], n, n * 64, 11, 660, 3);
        });
        return new StatsReporter(source, output, TimeSpan.FromSeconds(1), report: report);
    }
}
