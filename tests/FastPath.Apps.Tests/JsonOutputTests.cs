using System.Text.Json;

namespace FastPath.Apps.Tests;

/// <summary>
/// <c>--output json</c> as a script reads it: every stdout line is a JSON object, the intervals come first and the
/// summary last, and their counters agree with each other and with the text table the app printed to stderr.
/// </summary>
public sealed class JsonOutputTests
{
    [Fact]
    public void PktgenIntervalsAddUpToTheSummaryAndTheSummaryMatchesTheTable()
    {
        (int exitCode, string stdout, string stderr) = AppProcess.Run("pktgen", "--port", "null", "--count", "150000", "--rate", "50kpps", "--output", "json", "--no-pin");
        Assert.True(exitCode == 0, $"exit {exitCode}: {stdout} {stderr}");
        JsonRun run = JsonRun.Parse(stdout);
        Assert.True(run.Intervals.Count >= 2, $"{run.Intervals.Count} intervals: {stdout}");

        // Per row (handed, port): cumulative counters that never fall, and each interval's rate is its delta over its length.
        for (int row = 0; row < 2; row++)
        {
            double sumOfDeltas = 0;
            ulong previous = 0;
            foreach (JsonElement interval in run.Intervals)
            {
                ulong tx = interval.GetProperty("rows")[row].GetProperty("tx_packets").GetUInt64();
                Assert.True(tx >= previous, $"row {row}: tx fell from {previous} to {tx}");
                double fromRate = interval.GetProperty("rows")[row].GetProperty("tx_mpps").GetDouble() * 1e6 * interval.GetProperty("interval_seconds").GetDouble();
                Assert.True(Math.Abs(fromRate - (tx - previous)) < 0.01, $"row {row}: rate × interval {fromRate} but the counter moved {tx - previous}");
                sumOfDeltas += fromRate;
                previous = tx;
            }

            JsonElement total = run.Summary.GetProperty("rows")[row];
            Assert.Equal(150_000UL, total.GetProperty("tx_packets").GetUInt64());
            Assert.True(previous <= 150_000, $"row {row}: the last interval counted {previous}, more than the summary");
            Assert.Equal(previous, Math.Round(sumOfDeltas));
        }

        Assert.Equal(0, run.Summary.GetProperty("exit_code").GetInt32());
        Assert.True(run.Summary.GetProperty("buffers_returned").GetBoolean());
        Assert.Equal(0UL, run.Summary.GetProperty("generator").GetProperty("refused_bursts").GetUInt64());

        // The text went to stderr, and says the same.
        AppSummary text = AppSummary.Parse(stderr);
        Assert.Equal(150_000UL, text.Find("null (handed)").Tx);
        Assert.Equal(text.Find("null (port)").Tx, run.Summary.GetProperty("rows")[1].GetProperty("tx_packets").GetUInt64());
        Assert.DoesNotContain("Totals over", stdout);
    }

    [Fact]
    public void TheDemoSummaryCarriesTheReceiversVerdict()
    {
        (int exitCode, string stdout, string stderr) = AppProcess.Run("l2fwd", "--demo", "--count", "100000", "--rate", "100kpps", "--output", "json", "--no-pin");
        Assert.True(exitCode == 0, $"exit {exitCode}: {stdout} {stderr}");
        JsonRun run = JsonRun.Parse(stdout);
        JsonElement receiver = run.Summary.GetProperty("receiver");
        Assert.Equal(100_000UL, receiver.GetProperty("probes").GetUInt64());
        Assert.Equal(0UL, receiver.GetProperty("lost").GetUInt64());
        JsonElement latency = receiver.GetProperty("latency_ns");
        Assert.Equal(100_000UL, latency.GetProperty("count").GetUInt64());
        Assert.True(latency.GetProperty("min").GetUInt64() <= latency.GetProperty("p50").GetUInt64());
        Assert.True(latency.GetProperty("p50").GetUInt64() <= latency.GetProperty("p99").GetUInt64());
        Assert.True(latency.GetProperty("p99").GetUInt64() <= latency.GetProperty("max").GetUInt64());
        Assert.Equal(100_000UL, run.Summary.GetProperty("rows").EnumerateArray().Last().GetProperty("rx_packets").GetUInt64());
        Assert.Contains("PASS: zero loss", stderr);
    }

    /// <summary>A run's stdout: interval objects, then the summary object.</summary>
    private sealed record JsonRun(IReadOnlyList<JsonElement> Intervals, JsonElement Summary)
    {
        public static JsonRun Parse(string stdout)
        {
            JsonElement[] objects = [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];
            Assert.NotEmpty(objects);
            Assert.All(objects, o => Assert.Equal(1, o.GetProperty("version").GetInt32()));
            Assert.All(objects[..^1], o => Assert.Equal("interval", o.GetProperty("type").GetString()));
            Assert.Equal("summary", objects[^1].GetProperty("type").GetString());
            return new JsonRun(objects[..^1], objects[^1]);
        }
    }
}
