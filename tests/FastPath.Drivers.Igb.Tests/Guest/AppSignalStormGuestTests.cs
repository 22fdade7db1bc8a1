using System.Diagnostics;
using System.Text.RegularExpressions;
using FastPath.Vfio.Pci;
using Xunit.Abstractions;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>
/// SIGINT and SIGTERM at random (seeded) moments while pktgen (pci: port on A) sends through l2fwd (pci: ports on B
/// and C): each app must exit within a bound with exit code 0, print its summary and its pool audit (every buffer
/// returned); afterwards no process holds a /dev/vfio group, the free hugepage count is back where it was, and no file
/// is left in /dev/hugepages. The next run opening the same devices again also shows the previous one let go of them.
/// The suite then checks dmesg for DMAR faults (tests/vm/dmar-faults.sh): none is expected.
/// </summary>
[Collection(GuestCollection.Name)]
[Trait("Category", "Guest4")]
public sealed class AppSignalStormGuestTests(ITestOutputHelper output)
{
    private const int Runs = 5;
    private const int Seed = 20261201;
    private const int SigInt = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(300);

    /// <summary>How long an app may take from the signal to its exit: the summary, the pool audit and closing the port, under TCG.</summary>
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(30);

    private readonly GuestResults _results = new(output);

    [GuestFact(Nics = 4)]
    public void AppsStopCleanlyOnSignalsAtRandomMomentsUnderTraffic()
    {
        IReadOnlyList<PciAddress> nics = GuestEnvironment.Nics;
        var random = new Random(Seed);
        long freeBefore = GuestSystem.FreeHugepages();
        for (int run = 0; run < Runs; run++)
        {
            int l2fwdSignal = random.Next(2) == 0 ? SigInt : ChildProcess.SigTerm;
            int pktgenSignal = random.Next(2) == 0 ? SigInt : ChildProcess.SigTerm;
            bool l2fwdFirst = random.Next(2) == 0;
            int firstDelay = random.Next(500, 4000);
            int secondDelay = random.Next(0, 1500);

            using ChildProcess l2fwd = ChildProcess.StartApp("l2fwd", "--port", $"pci:{nics[1]}:rxd=4096", "--port", $"pci:{nics[2]}:rxd=4096", "--lcores", "0", "--log-level", "Information", "--stats-interval", "1");
            l2fwd.WaitForOutput("Forwarding between", StartTimeout);
            using ChildProcess pktgen = ChildProcess.StartApp("pktgen", "--port", $"pci:{nics[0]}", "--lcores", "0", "--rate", "5kpps", "--dst-mac", "02:00:00:00:00:00", "--stats-interval", "1");
            pktgen.WaitForOutput("pktgen: pci:", StartTimeout);

            // The links come up after autonegotiation, slowly under TCG: the storm starts once l2fwd's periodic
            // statistics show frames forwarded from B to C.
            Assert.True(GuestSystem.WaitUntil(() => ForwardingSeen(l2fwd.Output), StartTimeout), $"run {run}: l2fwd forwarded nothing:\n{l2fwd.Output}\npktgen:\n{pktgen.Output}");
            Thread.Sleep(firstDelay);
            (ChildProcess first, int firstSignal, ChildProcess second, int secondSignal) = l2fwdFirst ? (l2fwd, l2fwdSignal, pktgen, pktgenSignal) : (pktgen, pktgenSignal, l2fwd, l2fwdSignal);
            var firstClock = Stopwatch.StartNew();
            first.Signal(firstSignal);
            Thread.Sleep(secondDelay);
            var secondClock = Stopwatch.StartNew();
            second.Signal(secondSignal);
            bool firstExited = first.WaitForExit(ExitBound);
            double firstSeconds = firstClock.Elapsed.TotalSeconds;
            bool secondExited = second.WaitForExit(ExitBound);
            double secondSeconds = secondClock.Elapsed.TotalSeconds;
            File.WriteAllText(Path.Combine(GuestEnvironment.OutputDirectory, $"storm-{run}-l2fwd.out"), l2fwd.Output);
            File.WriteAllText(Path.Combine(GuestEnvironment.OutputDirectory, $"storm-{run}-pktgen.out"), pktgen.Output);
            Assert.True(firstExited && secondExited, $"run {run}: an app did not exit within {ExitBound.TotalSeconds} s of its signal.\nl2fwd:\n{l2fwd.Output}\npktgen:\n{pktgen.Output}");

            ulong forwarded = AppSummary.Row(l2fwd.Output, @"^1 pci:\S+").Tx;
            IReadOnlyList<string> holders = GuestSystem.VfioHolders();
            long freeAfter = GuestSystem.FreeHugepages();
            IReadOnlyList<string> files = GuestSystem.HugepageFiles();
            _results.Report($"signal storm run {run} (seed {Seed}): {(l2fwdFirst ? "l2fwd" : "pktgen")} first {firstDelay} ms into the traffic, the other {secondDelay} ms later; "
                + $"l2fwd {Name(l2fwdSignal)} -> exit {l2fwd.ExitCode} in {(l2fwdFirst ? firstSeconds : secondSeconds):F1} s, pktgen {Name(pktgenSignal)} -> exit {pktgen.ExitCode} in {(l2fwdFirst ? secondSeconds : firstSeconds):F1} s; "
                + $"l2fwd forwarded {forwarded}; free hugepages {freeBefore} -> {freeAfter}, /dev/vfio holders {holders.Count}, hugetlbfs files {files.Count}");
            foreach ((string name, ChildProcess app) in new[] { ("l2fwd", l2fwd), ("pktgen", pktgen) })
            {
                Assert.True(app.ExitCode == 0, $"run {run}: {name} exited {app.ExitCode}:\n{app.Output}");
                Assert.Contains("Totals over", app.Output);
                Assert.Matches(@"mempool '[^']+': all \d+ buffers returned", app.Output);
            }

            Assert.True(forwarded > 0, $"run {run}: l2fwd forwarded nothing, so the signals did not land under traffic:\n{l2fwd.Output}");
            Assert.Empty(holders);
            Assert.Equal(freeBefore, freeAfter);
            Assert.Empty(files);
        }
    }

    /// <summary>Whether a periodic statistics row of l2fwd's port 1 shows frames sent (forwarded from port 0).</summary>
    private static bool ForwardingSeen(string output) =>
        Regex.Matches(output, @"^1 pci:\S+\s+\d+\s+(\d+)", RegexOptions.Multiline).Any(m => m.Groups[1].Value != "0");

    private static string Name(int signal) => signal == SigInt ? "SIGINT" : "SIGTERM";
}
