using System.Globalization;
using System.Text.RegularExpressions;

namespace FastPath.Apps.Tests;

/// <summary>
/// The live screen in a real terminal: l2fwd and pktgen --rx run in a detached tmux session, whose pane the tests
/// read with capture-pane. The numbers must move between two captures, the screen must be redrawn in place (one
/// screen in the whole scrollback, not one per interval), <c>q</c> must end the run with the usual summary, and the
/// summary's counters must match the last screen.
/// </summary>
public sealed partial class LiveScreenTests
{
    private const string Title = "q or Ctrl+C quits";
    private const string ExitMarker = "FASTPATH-EXIT=";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void L2fwd_redraws_one_screen_in_place_and_q_ends_with_a_summary_that_matches_it()
    {
        using var tmux = new TmuxSession(Command("l2fwd", "--port", "null:rx=64", "--port", "null:rx=64", "--no-pin", "--hugepages", "Never"));
        tmux.WaitFor(Title, StartTimeout);
        Thread.Sleep(1500);
        ulong first = ScreenTotal(tmux.Capture()).RxPackets;
        Thread.Sleep(2500);
        // A capture can land while a redraw is still being written (the console writes a screen in several chunks):
        // take the screen once its last line, the lcore row, is there.
        const string LcoreRow = @"(?m)^\d+ lcore \d+\s+[\d.]+\s+[\d.]+";
        string second = tmux.Capture();
        for (int attempt = 0; attempt < 20 && !Regex.IsMatch(second, LcoreRow); attempt++)
        {
            Thread.Sleep(100);
            second = tmux.Capture();
        }

        Assert.True(ScreenTotal(second).RxPackets > first, $"the total did not move from {first}:\n{second}");
        Assert.Matches(@"(?m)^0 null:rx=64\s+up\s+\d+", second);
        Assert.Matches(LcoreRow, second);

        tmux.SendKeys("q");
        string all = tmux.WaitFor(ExitMarker, TimeSpan.FromSeconds(30));

        Assert.Contains(ExitMarker + "0", all);
        Assert.Single(Regex.Matches(all, Regex.Escape(Title)));
        int summaryAt = all.IndexOf("Totals over", StringComparison.Ordinal);
        Assert.True(summaryAt > 0, all);
        (ulong screenRx, ulong screenTx) = ScreenTotal(all[..summaryAt]);
        Match summary = SummaryTotal().Match(all, summaryAt);
        Assert.True(summary.Success, all);
        ulong summaryRx = ulong.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture);
        ulong summaryTx = ulong.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture);
        double seconds = double.Parse(Regex.Match(all, @"Totals over ([\d.]+) s").Groups[1].Value, CultureInfo.InvariantCulture);

        // The last screen is drawn when q is read; the workers stop a moment later. What they forward in between is
        // far less than half a second's worth at the run's average rate.
        double halfSecond = summaryRx / seconds / 2;
        Assert.InRange(summaryRx - screenRx, 0UL, (ulong)halfSecond);
        Assert.InRange(summaryTx - screenTx, 0UL, (ulong)halfSecond);
        Assert.True(screenRx <= summaryRx && screenTx <= summaryTx, all);
    }

    [Fact]
    public void Pktgen_rx_shows_probes_loss_and_latency_and_its_summary_matches_the_last_screen()
    {
        string capture = Path.Combine(Path.GetTempPath(), $"fastpath-screen-{Environment.ProcessId}.pcap");
        try
        {
            // 100 000 probes at 25 kpps: replayed at capture pace (timed), the receiver sees them for four seconds.
            using (AppProcess writer = AppProcess.Start("pktgen", "--port", $"pcap-out:{capture}", "--rate", "25kpps", "--count", "100000", "--hugepages", "Never", "--no-pin", "--stats-interval", "0"))
            {
                (int exitCode, string stdout, string stderr) = writer.WaitForExit(TimeSpan.FromSeconds(60));
                Assert.True(exitCode == 0, $"pktgen writing {capture} exited with {exitCode}:\n{stdout}\n{stderr}");
            }

            using var tmux = new TmuxSession(Command("pktgen", "--rx", "--port", $"pcap:{capture}:timed", "--no-pin", "--hugepages", "Never"));
            tmux.WaitFor(Title, StartTimeout);
            Thread.Sleep(1000);
            ulong first = ScreenProbes(tmux.Capture());
            Thread.Sleep(1500);
            string second = tmux.Capture();
            Assert.True(ScreenProbes(second) > first, $"the probes did not move from {first}:\n{second}");
            Assert.Matches(@"latency ns: min \d+, p50 \d+, p99 \d+, p99\.9 \d+, max \d+", second);

            tmux.WaitFor("probes 100000 ", TimeSpan.FromSeconds(30));
            tmux.SendKeys("q");
            string all = tmux.WaitFor(ExitMarker, TimeSpan.FromSeconds(30));

            Assert.Contains(ExitMarker + "0", all);
            Assert.Single(Regex.Matches(all, Regex.Escape(Title)));
            int summaryAt = all.IndexOf("Totals over", StringComparison.Ordinal);
            Assert.True(summaryAt > 0, all);
            Assert.Matches(@"probes 100000 in 1 stream\(s\), foreign 0; lost 0, reordered 0, duplicates 0", all[..summaryAt]);
            Assert.Matches(@"probes 100000 in 1 stream\(s\), foreign 0; expected 100000 .*lost 0, reordered 0, duplicates 0", all[summaryAt..]);
        }
        finally
        {
            File.Delete(capture);
        }
    }

    /// <summary>The shell command tmux runs: the app, then its exit code after a marker, then a wait to be killed.</summary>
    private static string Command(string app, params string[] args) =>
        $"dotnet '{Path.Combine(AppContext.BaseDirectory, app + ".dll")}' {string.Join(' ', args.Select(a => $"'{a}'"))}; echo {ExitMarker}$?; sleep 600";

    private static (ulong RxPackets, ulong TxPackets) ScreenTotal(string screen)
    {
        MatchCollection rows = ScreenTotalRow().Matches(screen);
        Assert.True(rows.Count > 0, $"no total row on the screen:\n{screen}");
        Match last = rows[^1];
        return (ulong.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture), ulong.Parse(last.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static ulong ScreenProbes(string screen)
    {
        Match probes = Regex.Match(screen, @"probes (\d+) in \d+ stream\(s\), foreign \d+; lost");
        Assert.True(probes.Success, $"no probes line on the screen:\n{screen}");
        return ulong.Parse(probes.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    // total, rx Mpps, tx Mpps, rx Gbit/s, tx Gbit/s, rx pkts, tx pkts, dropped
    [GeneratedRegex(@"(?m)^total\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+(\d+)\s+(\d+)\s+\d+\s*$")]
    private static partial Regex ScreenTotalRow();

    // total, rx pkts, tx pkts, dropped, rates
    [GeneratedRegex(@"(?m)^total\s+(\d+)\s+(\d+)\s+\d+\s+[\d.]+")]
    private static partial Regex SummaryTotal();
}
