using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FastPath.Testing;

namespace FastPath.Apps.Tests;

/// <summary>
/// <c>--crank</c>: the blocks of Crank's console protocol (a #StartJobStatistics line, one JSON object with Metadata
/// and Measurements, a #EndJobStatistics line) are valid JSON with the fields Crank reads, and the exit block's values
/// are the ones the app's own summary prints.
/// </summary>
public sealed partial class CrankOutputTests
{
    private static readonly string[] s_operations = ["First", "Last", "Avg", "Sum", "Median", "Max", "Min", "Count", "All", "Delta"];

    [Fact]
    public void TheDemosBlocksAgreeWithItsSummaryAndLatencyLine()
    {
        (int exitCode, string stdout, string stderr) = AppProcess.Run("l2fwd", "--demo", "--count", "150000", "--rate", "100kpps", "--crank", "--no-pin");
        Assert.True(exitCode == 0, $"exit {exitCode}: {stdout} {stderr}");
        Dictionary<string, double> values = CheckBlocks(stdout, "l2fwd", out int intervalBlocks);
        Assert.True(intervalBlocks >= 1, stdout);

        // The last row of the demo's table is the receiver.
        AppSummary.Row receiver = AppSummary.Parse(stdout).Find("receiver");
        Assert.Equal(150_000, values["fastpath/rx-packets"]);
        Assert.Equal(receiver.Rx, (ulong)values["fastpath/rx-packets"]);
        Assert.Equal(0, values["fastpath/lost"]);
        Match latency = LatencyLine().Match(stdout);
        Assert.True(latency.Success, stdout);
        Assert.Equal(Microseconds(latency.Groups["p50"]), values["fastpath/latency/p50"], 6);
        Assert.Equal(Microseconds(latency.Groups["p99"]), values["fastpath/latency/p99"], 6);
        Assert.Equal(Microseconds(latency.Groups["p999"]), values["fastpath/latency/p99.9"], 6);
        Assert.Equal(Microseconds(latency.Groups["max"]), values["fastpath/latency/max"], 6);
    }

    [Fact]
    public void PktgensExitBlockHoldsItsPortsTotals()
    {
        (int exitCode, string stdout, string stderr) = AppProcess.Run("pktgen", "--port", "null", "--count", "100000", "--rate", "50kpps", "--crank", "--no-pin");
        Assert.True(exitCode == 0, $"exit {exitCode}: {stdout} {stderr}");
        Dictionary<string, double> values = CheckBlocks(stdout, "pktgen", out _);
        AppSummary.Row port = AppSummary.Parse(stdout).Find("null (port)");
        Assert.Equal(100_000, values["fastpath/tx-packets"]);
        Assert.Equal(port.Tx, (ulong)values["fastpath/tx-packets"]);
        Assert.Equal(port.Dropped, (ulong)values["fastpath/dropped"]);
        Assert.True(values["fastpath/tx-mpps"] > 0);
        Assert.False(values.ContainsKey("fastpath/latency/p50"), "a generator has no latency");
    }

    /// <summary>
    /// Checks every block against the protocol: the first describes each name once with all of Crank's metadata
    /// fields; every measurement has a name so described, a UTC timestamp and a value. Returns the last value of each name.
    /// </summary>
    private static Dictionary<string, double> CheckBlocks(string stdout, string source, out int intervalBlocks)
    {
        List<JsonElement> blocks = CrankBlocks.Parse(stdout);
        Assert.True(blocks.Count >= 2, $"{blocks.Count} blocks: {stdout}");
        JsonElement[] metadata = [.. blocks[0].GetProperty("Metadata").EnumerateArray()];
        foreach (JsonElement m in metadata)
        {
            Assert.Equal(source, m.GetProperty("Source").GetString());
            Assert.Contains(m.GetProperty("Aggregate").GetString(), s_operations);
            Assert.Contains(m.GetProperty("Reduce").GetString(), s_operations);
            Assert.All(new[] { "Name", "ShortDescription", "LongDescription", "Format" }, field => Assert.False(string.IsNullOrWhiteSpace(m.GetProperty(field).GetString()), field));
        }

        HashSet<string> names = [.. metadata.Select(m => m.GetProperty("Name").GetString()!)];
        Assert.Equal(metadata.Length, names.Count);
        Assert.All(blocks.Skip(1), b => Assert.False(b.TryGetProperty("Metadata", out _), "metadata is given once"));
        var values = new Dictionary<string, double>();
        foreach (JsonElement measurement in blocks.SelectMany(b => b.GetProperty("Measurements").EnumerateArray()))
        {
            string name = measurement.GetProperty("Name").GetString()!;
            Assert.Contains(name, names);
            Assert.Equal(DateTimeKind.Utc, measurement.GetProperty("Timestamp").GetDateTime().Kind);
            values[name] = measurement.GetProperty("Value").GetDouble();
        }

        intervalBlocks = blocks.Count(b => b.GetProperty("Measurements").EnumerateArray().Any(m => m.GetProperty("Name").GetString() == "fastpath/interval/rx-mpps"));
        Assert.Equal(blocks.Count - 1, intervalBlocks);
        return values;
    }

    private static double Microseconds(Group nanoseconds) => ulong.Parse(nanoseconds.Value, CultureInfo.InvariantCulture) / 1e3;

    [GeneratedRegex(@"^latency: min \d+ ns, avg \d+ ns, p50 (?<p50>\d+) ns, p99 (?<p99>\d+) ns, p99\.9 (?<p999>\d+) ns, max (?<max>\d+) ns", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();
}
