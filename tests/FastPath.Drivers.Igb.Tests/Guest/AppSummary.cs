using System.Globalization;
using System.Text.RegularExpressions;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>Reads the per-port table the apps print under "Totals over" when they stop.</summary>
public static class AppSummary
{
    /// <summary>The RX and TX packet columns of the summary row whose name matches <paramref name="namePattern"/> (a regex anchored with ^ where needed).</summary>
    public static (ulong Rx, ulong Tx) Row(string output, string namePattern)
    {
        int at = output.LastIndexOf("Totals over", StringComparison.Ordinal);
        Assert.True(at >= 0, $"No summary in:\n{output}");
        Match match = Regex.Match(output[at..], namePattern + @"\s+(\d+)\s+(\d+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"No row '{namePattern}' in:\n{output[at..]}");
        return (ulong.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), ulong.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }
}
