using System.Globalization;
using System.Text.Json;

namespace FastPath.Apps.Tests;

/// <summary>
/// <see cref="ZeroGcTests"/> for <c>--output json</c>: the demo at 1 Mpps, generation 0 shrunk to 1 MiB
/// (<c>DOTNET_GCgen0size</c>), makes no collection in the 40 s after a 5 s warm-up while it prints a JSON object a
/// second. The collection counts come from the objects themselves (their <c>process</c> field). A writer that
/// allocated the 1 KiB of one object per interval would not be caught in this window; one that allocated its rows or
/// a string per line (tens of KiB a second, as the text table once did) would be.
/// </summary>
public sealed class JsonZeroGcTests
{
    private const int WarmUpSeconds = 5;
    private const int WindowSeconds = 40;

    [Fact]
    public void AJsonForwardingRunCollectsNothingAfterWarmUp()
    {
        using AppProcess l2fwd = AppProcess.StartWithEnvironment(
            new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x100000" },
            "l2fwd", "--demo", "--rate", "1mpps", "--duration", (WarmUpSeconds + WindowSeconds + 5).ToString(CultureInfo.InvariantCulture), "--stats-interval", "1", "--output", "json");
        (int exitCode, string stdout, string stderr) = l2fwd.WaitForExit(TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"l2fwd --demo --output json exited {exitCode}: {stdout} {stderr}");

        JsonElement[] objects = [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];
        JsonElement[] intervals = [.. objects.Where(o => o.GetProperty("type").GetString() == "interval")];
        Assert.True(intervals.Length >= WarmUpSeconds + WindowSeconds, $"{intervals.Length} intervals, expected {WarmUpSeconds + WindowSeconds}");
        (int, int, int) atWarmUp = Counts(intervals[WarmUpSeconds - 1]);
        (int, int, int) atEnd = Counts(intervals[WarmUpSeconds + WindowSeconds - 1]);
        Assert.True(atWarmUp == atEnd, $"collections (gen0, gen1, gen2) {atWarmUp} after the warm-up, {atEnd} {WindowSeconds} s later");
        Assert.Equal(0UL, objects[^1].GetProperty("receiver").GetProperty("lost").GetUInt64());
    }

    private static (int, int, int) Counts(JsonElement interval)
    {
        JsonElement process = interval.GetProperty("process");
        return (process.GetProperty("gc_gen0").GetInt32(), process.GetProperty("gc_gen1").GetInt32(), process.GetProperty("gc_gen2").GetInt32());
    }
}
