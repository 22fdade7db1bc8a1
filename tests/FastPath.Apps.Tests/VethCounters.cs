using System.Globalization;
using System.Text.RegularExpressions;

namespace FastPath.Apps.Tests;

/// <summary>
/// What the end-to-end tests over veth pairs compare: the kernel's interface counters, what the veth pair itself
/// dropped, and l2fwd's summary rows and the ports' own missed counts.
/// </summary>
internal static class VethCounters
{
    /// <summary>An interface's sent and received frames, inside namespace <paramref name="ns"/>.</summary>
    public static (ulong Tx, ulong Rx) Of(string ns, string device)
    {
        string Read(string counter) => Shell.Run("ip", "netns", "exec", ns, "cat", $"/sys/class/net/{device}/statistics/{counter}").Trim();
        return (ulong.Parse(Read("tx_packets"), CultureInfo.InvariantCulture), ulong.Parse(Read("rx_packets"), CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Frames the veth pair dropped between the namespace's end and the host's (a full backlog when the machine is
    /// loaded): its tx_dropped plus the host end's rx_dropped.
    /// </summary>
    public static ulong PairDrops(string ns, string inside, string host) =>
        ulong.Parse(Shell.Run("ip", "netns", "exec", ns, "cat", $"/sys/class/net/{inside}/statistics/tx_dropped").Trim(), CultureInfo.InvariantCulture)
        + ulong.Parse(File.ReadAllText($"/sys/class/net/{host}/statistics/rx_dropped").Trim(), CultureInfo.InvariantCulture);

    /// <summary>Port <paramref name="port"/>'s received and sent frames in l2fwd's final totals.</summary>
    public static (ulong Rx, ulong Tx) SummaryRow(string stdout, int port, string kind)
    {
        string summary = stdout[stdout.LastIndexOf("Totals over", StringComparison.Ordinal)..];
        Match match = Regex.Match(summary, $@"^{port} {kind}:\S+\s+(\d+)\s+(\d+)\s", RegexOptions.Multiline);
        Assert.True(match.Success, summary);
        return (ulong.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), ulong.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>What port <paramref name="port"/> counted as missed (the kernel's drops for a full ring), from l2fwd's "As the ports count them" lines.</summary>
    public static ulong Missed(string stdout, int port)
    {
        Match match = Regex.Match(stdout, $@"^  port {port} \S+: rx \d+, tx \d+, rx missed (\d+),", RegexOptions.Multiline);
        Assert.True(match.Success, stdout);
        return ulong.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
