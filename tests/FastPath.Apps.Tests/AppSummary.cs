using System.Globalization;
using System.Text.RegularExpressions;

namespace FastPath.Apps.Tests;

/// <summary>
/// What an app printed at exit: the rows of its final "Totals over" table, its mempool audit and its process
/// audit (open descriptors at start and at exit).
/// </summary>
internal sealed partial class AppSummary
{
    private readonly string _table;

    private AppSummary(string table, string stdout)
    {
        _table = table;
        Match audit = ProcessAuditLine().Match(stdout);
        Assert.True(audit.Success, $"no process audit line in: {stdout}");
        FdsAtStart = int.Parse(audit.Groups[1].Value, CultureInfo.InvariantCulture);
        FdsAtExit = int.Parse(audit.Groups[2].Value, CultureInfo.InvariantCulture);
        Match pool = PoolAuditLine().Match(stdout);
        AllBuffersReturned = pool.Success;
    }

    /// <summary>Open descriptors before the pool and ports existed.</summary>
    public int FdsAtStart { get; }

    /// <summary>Open descriptors after the pool and ports were closed.</summary>
    public int FdsAtExit { get; }

    /// <summary>Whether the mempool audit said every buffer came back.</summary>
    public bool AllBuffersReturned { get; }

    /// <summary>The "total" row.</summary>
    public Row Total => Find("total");

    /// <summary>Parses <paramref name="stdout"/>; fails the test when the summary is missing.</summary>
    public static AppSummary Parse(string stdout)
    {
        int start = stdout.LastIndexOf("Totals over", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no summary table in: {stdout}");
        return new AppSummary(stdout[start..], stdout);
    }

    /// <summary>The row of port <paramref name="id"/> (l2fwd's "0 af_packet:x" rows).</summary>
    public Row Port(int id) => Find(id.ToString(CultureInfo.InvariantCulture) + " ");

    /// <summary>The first row whose name starts with <paramref name="prefix"/>.</summary>
    public Row Find(string prefix)
    {
        Match match = Regex.Match(_table, $@"^{Regex.Escape(prefix)}.*?\s+(\d+)\s+(\d+)\s+(\d+)\s+\d", RegexOptions.Multiline);
        Assert.True(match.Success, $"no row '{prefix}' in: {_table}");
        return new Row(Number(match.Groups[1]), Number(match.Groups[2]), Number(match.Groups[3]));
    }

    private static ulong Number(Group group) => ulong.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^process audit: open fds (\d+) at start, (\d+) at exit", RegexOptions.Multiline)]
    private static partial Regex ProcessAuditLine();

    [GeneratedRegex(@"^mempool '[^']+': all \d+ buffers returned", RegexOptions.Multiline)]
    private static partial Regex PoolAuditLine();

    /// <summary>One row: packets received, sent and dropped.</summary>
    public readonly record struct Row(ulong Rx, ulong Tx, ulong Dropped);
}
