using System.Diagnostics;
using System.Globalization;
using FastPath.Mempool.Memory;
using FastPath.Testing;
using Xunit.Abstractions;

namespace FastPath.Apps.Tests;

/// <summary>
/// SIGINT and SIGTERM at random moments while the apps carry traffic, over AF_PACKET (pktgen → veth → l2fwd → veth)
/// and over in-process rings (l2fwd --demo: generator → ring → l2fwd → ring → receiver). The moments come from a
/// seed (printed; set FASTPATH_STORM_SEED to replay a run): a random delay after the app reported it is starting
/// traffic, so signals land while ports start, while workers poll and while frames are in flight. Every run must
/// exit within <see cref="ExitBound"/> of its signal with exit code 0, print its summary, return every buffer
/// (the pool audit), close every descriptor it opened (the process audit), and give back every hugepage
/// (HugePages_Free as before the run). The test reserves hugepages for the apps, so the pool really lives in them.
/// Needs root and iproute2.
/// </summary>
[Collection(SignalStormCollection.Name)]
public sealed class SignalStormTests : IDisposable
{
    private const int VethRuns = 16;
    private const int RingRuns = 16;
    private const int HugepagesForApps = 64;
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private static readonly string[] Links = ["hs-a0", "hs-a1", "hs-b0", "hs-b1"];

    private readonly ITestOutputHelper _output;
    private readonly HugepageLock _lock;
    private readonly long _previousHugepages;

    public SignalStormTests(ITestOutputHelper output)
    {
        _output = output;
        if (!Shell.Exists("ip"))
        {
            throw new InvalidOperationException("The signal storm needs 'ip': apt-get install iproute2");
        }

        Cleanup();
        foreach ((string a, string b) in new[] { ("hs-a0", "hs-a1"), ("hs-b0", "hs-b1") })
        {
            Shell.Run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
        }

        foreach (string link in Links)
        {
            Shell.Run("sysctl", "-qw", $"net.ipv6.conf.{link}.disable_ipv6=1");
            Shell.Run("ip", "link", "set", link, "up");
        }

        _lock = HugepageLock.Exclusive();
        _previousHugepages = long.Parse(File.ReadAllText("/proc/sys/vm/nr_hugepages").Trim(), CultureInfo.InvariantCulture);
        HugepageStatus status = HugepageStatus.Read();
        File.WriteAllText("/proc/sys/vm/nr_hugepages", (status.Total - status.Free + HugepagesForApps).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EveryRunExitsInTimeWithItsSummaryAndReturnsBuffersDescriptorsAndHugepages()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("FASTPATH_STORM_SEED"), CultureInfo.InvariantCulture, out int given) ? given : Environment.TickCount;
        _output.WriteLine($"signal storm seed {seed} (FASTPATH_STORM_SEED={seed} replays it)");
        var random = new Random(seed);
        long freeBefore = HugepageStatus.Read().Free;
        Assert.True(freeBefore >= HugepagesForApps, $"only {freeBefore} hugepages free after reserving {HugepagesForApps}");
        var total = Stopwatch.StartNew();
        for (int run = 0; run < VethRuns + RingRuns; run++)
        {
            bool veth = run % 2 == 0;
            string signal = random.Next(2) == 0 ? "INT" : "TERM";
            TimeSpan delay = TimeSpan.FromMilliseconds(random.Next(0, 1500));
            string label = $"run {run} ({(veth ? "veth" : "ring")}, SIG{signal} {delay.TotalMilliseconds:0} ms after traffic starts, seed {seed})";
            long usedDuringRun = veth ? VethRun(signal, delay, random, label) : RingRun(signal, delay, label);
            Assert.True(usedDuringRun > 0, $"{label}: the apps used no hugepages, so the hugepage check proves nothing");
            long freeAfter = HugepageStatus.Read().Free;
            Assert.True(freeAfter == freeBefore, $"{label}: HugePages_Free {freeAfter} after the run, {freeBefore} before: hugepages leaked");
            _output.WriteLine($"{label}: ok, {usedDuringRun} hugepages in use during the run");
        }

        _output.WriteLine($"{VethRuns + RingRuns} runs in {total.Elapsed.TotalSeconds:0} s");
    }

    /// <summary>pktgen sends on hs-a0; l2fwd forwards hs-a1 → hs-b0. One of them gets the signal first, the other after.</summary>
    private long VethRun(string signal, TimeSpan delay, Random random, string label)
    {
        using AppProcess l2fwd = AppProcess.Start("l2fwd", "--port", "af_packet:hs-a1", "--port", "af_packet:hs-b0", "--no-pin", "--stats-interval", "0", "--pool-size", "8192");
        Assert.True(l2fwd.WaitForOutput("Forwarding between", StartBound), $"{label}: l2fwd did not start");
        using AppProcess pktgen = AppProcess.Start("pktgen", "--port", "af_packet:hs-a0", "--rate", "20kpps", "--no-pin", "--stats-interval", "0", "--pool-size", "8192");
        Assert.True(pktgen.WaitForOutput("pktgen: af_packet:hs-a0", StartBound), $"{label}: pktgen did not start");
        Thread.Sleep(delay);
        long used = InUse();
        bool forwarderFirst = random.Next(2) == 0;
        (AppProcess first, string firstName, AppProcess second, string secondName) = forwarderFirst ? (l2fwd, "l2fwd", pktgen, "pktgen") : (pktgen, "pktgen", l2fwd, "l2fwd");
        string firstOut = Stop(first, signal, $"{label} {firstName}");
        Thread.Sleep(TimeSpan.FromMilliseconds(random.Next(0, 300)));
        string secondOut = Stop(second, signal == "INT" ? "TERM" : "INT", $"{label} {secondName}");

        string forwarded = forwarderFirst ? firstOut : secondOut;
        AppSummary summary = AppSummary.Parse(forwarded);
        AppSummary.Row port0 = summary.Port(0), port1 = summary.Port(1);
        Assert.True(port0.Rx == port1.Tx + port1.Dropped, $"{label}: l2fwd received {port0.Rx} on port 0 but sent {port1.Tx} and dropped {port1.Dropped} on port 1: {forwarded}");
        return used;
    }

    /// <summary>l2fwd --demo: generator, forwarder and receiver in one process over ring ports, checking zero loss.</summary>
    private long RingRun(string signal, TimeSpan delay, string label)
    {
        using AppProcess demo = AppProcess.Start("l2fwd", "--demo", "--no-pin", "--duration", "0", "--stats-interval", "0", "--rate", "100kpps");
        Assert.True(demo.WaitForOutput("l2fwd demo:", StartBound), $"{label}: the demo did not start");
        // The banner comes before the demo creates its pool: traffic starts once the pool holds its hugepages.
        var starting = Stopwatch.StartNew();
        while (InUse() == 0 && starting.Elapsed < StartBound)
        {
            Thread.Sleep(5);
        }

        Thread.Sleep(delay);
        long used = InUse();
        string stdout = Stop(demo, signal, label);
        Assert.True(stdout.Contains("PASS: zero loss", StringComparison.Ordinal), $"{label}: {stdout}");
        return used;
    }

    /// <summary>Signals <paramref name="app"/>, waits at most <see cref="ExitBound"/> and checks what it printed at exit.</summary>
    private static string Stop(AppProcess app, string signal, string label)
    {
        app.Signal(signal);
        var watch = Stopwatch.StartNew();
        int exitCode;
        string stdout, stderr;
        try
        {
            (exitCode, stdout, stderr) = app.WaitForExit(ExitBound);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{label}: SIG{signal} sent, no exit within {ExitBound.TotalSeconds:0} s: {timeout.Message}", timeout);
        }

        Assert.True(exitCode == 0, $"{label}: exit code {exitCode} {watch.Elapsed.TotalSeconds:0.0} s after SIG{signal}; stdout: {stdout}; stderr: {stderr}");
        AppSummary summary = AppSummary.Parse(stdout);
        Assert.True(summary.AllBuffersReturned, $"{label}: not every buffer came back: {stdout}");
        Assert.True(summary.FdsAtExit == summary.FdsAtStart, $"{label}: {summary.FdsAtStart} descriptors open at start, {summary.FdsAtExit} at exit: {stdout}");
        return stdout;
    }

    private static long InUse()
    {
        HugepageStatus status = HugepageStatus.Read();
        return status.Total - status.Free;
    }

    public void Dispose()
    {
        try
        {
            File.WriteAllText("/proc/sys/vm/nr_hugepages", _previousHugepages.ToString(CultureInfo.InvariantCulture));
        }
        finally
        {
            _lock.Dispose();
            Cleanup();
        }
    }

    private static void Cleanup()
    {
        Shell.TryRun("ip", "link", "del", "hs-a0");
        Shell.TryRun("ip", "link", "del", "hs-b0");
    }
}
