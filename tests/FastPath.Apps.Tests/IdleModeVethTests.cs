using FastPath.Testing;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace FastPath.Apps.Tests;

/// <summary>
/// <c>--idle interrupt</c> over AF_PACKET and over AF_XDP, whose wake source is a poll on the port's socket: l2fwd forwards between the root-namespace peers of two veths whose other
/// ends sit in namespaces of their own. On the quiet link l2fwd's process uses next to no CPU over 3 s (utime + stime
/// from /proc), where the same l2fwd in poll mode takes what the scheduler gives it; then pktgen in one namespace
/// sends a burst through l2fwd to <c>pktgen --rx --idle interrupt</c> in the other, which must see every sequence
/// number once and in order. Needs root, iproute2 and ethtool.
/// </summary>
public sealed class IdleModeVethTests : IDisposable
{
    private const string NamespaceA = "idla";
    private const string NamespaceB = "idlb";
    private const string InsideA = "idla0";
    private const string InsideB = "idlb0";
    private const string HostA = "idlah";
    private const string HostB = "idlbh";
    private const int Frames = 5000;
    private const double IdleCpuLimitPercent = 5;
    private static readonly TimeSpan s_window = TimeSpan.FromSeconds(3);
    private readonly ITestOutputHelper _output;

    public IdleModeVethTests(ITestOutputHelper output)
    {
        _output = output;
        foreach (string tool in new[] { "ip", "ethtool" })
        {
            if (!Shell.Exists(tool))
            {
                throw new InvalidOperationException($"The idle-mode veth test needs '{tool}': apt-get install {(tool == "ip" ? "iproute2" : tool)}");
            }
        }

        Cleanup();
        foreach ((string ns, string inside, string host) in new[] { (NamespaceA, InsideA, HostA), (NamespaceB, InsideB, HostB) })
        {
            Shell.Run("ip", "netns", "add", ns);
            Shell.Run("ip", "link", "add", inside, "type", "veth", "peer", "name", host);
            Shell.Run("ip", "link", "set", inside, "netns", ns);

            // No addresses and no IPv6: the stacks stay silent, so nothing but the test's burst crosses the link.
            Shell.Run("ip", "netns", "exec", ns, "sysctl", "-qw", $"net.ipv6.conf.{inside}.disable_ipv6=1");
            Shell.Run("sysctl", "-qw", $"net.ipv6.conf.{host}.disable_ipv6=1");
            Shell.Run("ip", "netns", "exec", ns, "ethtool", "-K", inside, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            Shell.Run("ethtool", "-K", host, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            Shell.Run("ip", "netns", "exec", ns, "ip", "link", "set", inside, "up");
            Shell.Run("ip", "link", "set", host, "up");
        }
    }

    [Theory]
    [InlineData("af_packet")]
    [InlineData("af_xdp")]
    public void L2fwd_sleeps_on_a_quiet_veth_and_forwards_a_whole_burst_in_order(string kind)
    {
        double pollPercent = QuietCpuPercent(kind, "poll");
        double idlePercent = QuietCpuPercent(kind, "interrupt");
        _output.WriteLine($"l2fwd's forwarding lcore on a quiet veth pair over {kind}, {s_window.TotalSeconds} s: poll {pollPercent:0.0}% of a core, interrupt {idlePercent:0.0}%");
        Assert.True(pollPercent > IdleCpuLimitPercent, $"poll mode used only {pollPercent:0.0}% of a core, under the idle limit: the measurement cannot tell idle from busy");
        Assert.True(idlePercent < IdleCpuLimitPercent, $"l2fwd --idle interrupt's forwarding lcore used {idlePercent:0.0}% of a core on a quiet link");

        using AppProcess l2fwd = StartL2fwd(kind, "interrupt");
        using AppProcess receiver = AppProcess.StartInNamespace(NamespaceB, "pktgen", "--port", $"af_packet:{InsideB}", "--rx", "--idle", "interrupt", "--no-pin", "--stats-interval", "0");
        l2fwd.WaitForStart("Forwarding between");
        receiver.WaitForStart("pktgen --rx:");
        AppProcess.Settle();
        using AppProcess sender = AppProcess.StartInNamespace(NamespaceA, "pktgen", "--port", $"af_packet:{InsideA}", "--count", Frames.ToString(CultureInfo.InvariantCulture),
            "--rate", "20kpps", "--no-pin", "--stats-interval", "0");
        (int sentExit, string sentOut, string sentErr) = sender.WaitForExit(TimeSpan.FromSeconds(60));
        Assert.True(sentExit == 0, sentOut + sentErr);
        Thread.Sleep(TimeSpan.FromSeconds(1));

        receiver.Terminate();
        (int rxExit, string rxOut, string rxErr) = receiver.WaitForExit(TimeSpan.FromSeconds(30));
        l2fwd.Terminate();
        (int fwdExit, string fwdOut, string fwdErr) = l2fwd.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(rxExit == 0, rxOut + rxErr);
        Assert.True(fwdExit == 0, fwdOut + fwdErr);
        Assert.True(rxOut.Contains($"probes {Frames} in 1 stream(s)", StringComparison.Ordinal), rxOut);
        Assert.True(rxOut.Contains("lost 0, reordered 0, duplicates 0", StringComparison.Ordinal), rxOut);

        Match idle = Regex.Match(fwdOut[fwdOut.LastIndexOf("Idle mode interrupt", StringComparison.Ordinal)..], @"idle lcore \d+: (\d+) sleeps, (\d+) wake-ups, asleep ([\d.]+)%, wake latency mean ([\d.]+) us, max ([\d.]+) us");
        Assert.True(idle.Success, fwdOut);
        _output.WriteLine($"l2fwd: {idle.Value}");
        _output.WriteLine($"pktgen --rx: {Regex.Match(rxOut[rxOut.LastIndexOf("Idle mode interrupt", StringComparison.Ordinal)..], @"idle lcore[^\n]*").Value}");
        Assert.True(ulong.Parse(idle.Groups[2].Value, CultureInfo.InvariantCulture) > 0, fwdOut);
        Assert.Matches(@"all \d+ buffers returned", fwdOut);
    }

    public void Dispose() => Cleanup();

    private static AppProcess StartL2fwd(string kind, string idle) =>
        AppProcess.Start("l2fwd", "--port", $"{kind}:{HostA}", "--port", $"{kind}:{HostB}", "--no-mac-updating", "--no-pin", "--stats-interval", "0", "--idle", idle);

    private static double QuietCpuPercent(string kind, string idle)
    {
        using AppProcess l2fwd = StartL2fwd(kind, idle);
        Thread.Sleep(TimeSpan.FromSeconds(2));
        // The forwarding lcore's thread (the lcore runner names it "lcore N"): its CPU is what idle mode saves; the
        // process's other threads (the runtime's tier-up compiler in the first seconds, above all) are not the lcore's.
        int lcore = CpuTicks.WaitForThreadNamed(l2fwd.Id, comm => comm.StartsWith("lcore ", StringComparison.Ordinal), "named 'lcore N'", TimeSpan.FromSeconds(30));
        long before = CpuTicks.OfThread(l2fwd.Id, lcore);
        Thread.Sleep(s_window);
        long ticks = CpuTicks.OfThread(l2fwd.Id, lcore) - before;
        l2fwd.Terminate();
        (int exit, string stdout, string stderr) = l2fwd.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, stdout + stderr);

        return 100.0 * ticks / (s_window.TotalSeconds * CpuTicks.PerSecond);
    }

    private static void Cleanup()
    {
        Shell.TryRun("ip", "netns", "del", NamespaceA);
        Shell.TryRun("ip", "netns", "del", NamespaceB);
        Shell.TryRun("ip", "link", "del", HostA);
        Shell.TryRun("ip", "link", "del", HostB);
    }
}
