using System.Globalization;
using System.Text.RegularExpressions;

namespace FastPath.Apps.Tests;

/// <summary>
/// l2fwd bridging two network namespaces over AF_PACKET: each namespace has a veth whose peer is in the root
/// namespace, and l2fwd forwards between the two peers. Ping and a TCP transfer (iperf3) must cross, and l2fwd's
/// counts must equal what the namespaces' interfaces sent and received. Needs root, iproute2, iperf3 and ethtool.
/// </summary>
public sealed class VethEndToEndTests : IDisposable
{
    private const string NamespaceA = "fpl2a";
    private const string NamespaceB = "fpl2b";
    private const string HostA = "fpl2ah";
    private const string HostB = "fpl2bh";
    private const string AddressA = "10.201.0.1";
    private const string AddressB = "10.201.0.2";

    public VethEndToEndTests()
    {
        foreach (string tool in new[] { "ip", "ping", "iperf3", "ethtool" })
        {
            if (!Shell.Exists(tool))
            {
                throw new InvalidOperationException($"The veth end-to-end test needs '{tool}': apt-get install {(tool == "ip" ? "iproute2" : tool == "ping" ? "iputils-ping" : tool)}");
            }
        }

        Cleanup();
        foreach ((string ns, string inside, string host, string address) in new[] { (NamespaceA, "fpl2a0", HostA, AddressA), (NamespaceB, "fpl2b0", HostB, AddressB) })
        {
            Shell.Run("ip", "netns", "add", ns);
            Shell.Run("ip", "link", "add", inside, "type", "veth", "peer", "name", host);
            Shell.Run("ip", "link", "set", inside, "netns", ns);
            Shell.Run("ip", "netns", "exec", ns, "sysctl", "-qw", $"net.ipv6.conf.{inside}.disable_ipv6=1");
            Shell.Run("sysctl", "-qw", $"net.ipv6.conf.{host}.disable_ipv6=1");
            Shell.Run("ip", "netns", "exec", ns, "ip", "addr", "add", address + "/24", "dev", inside);
            // AF_PACKET sees frames as they are on the wire: no segmentation or checksum offloads may leave work undone.
            Shell.Run("ip", "netns", "exec", ns, "ethtool", "-K", inside, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            Shell.Run("ethtool", "-K", host, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            Shell.Run("ip", "netns", "exec", ns, "ip", "link", "set", inside, "up");
            Shell.Run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
            Shell.Run("ip", "link", "set", host, "up");
        }
    }

    [Fact]
    public async Task PingAndTcpCrossL2fwdAndItsCountsMatch()
    {
        using AppProcess l2fwd = AppProcess.Start("l2fwd", "--port", $"af_packet:{HostA}", "--port", $"af_packet:{HostB}", "--no-mac-updating", "--no-pin", "--stats-interval", "0");
        l2fwd.WaitForStart("Forwarding between");
        AppProcess.Settle();
        (ulong Tx, ulong Rx) a0 = VethCounters.Of(NamespaceA, "fpl2a0"), b0 = VethCounters.Of(NamespaceB, "fpl2b0");
        ulong droppedA0 = VethCounters.PairDrops(NamespaceA, "fpl2a0", HostA), droppedB0 = VethCounters.PairDrops(NamespaceB, "fpl2b0", HostB);

        string ping = Shell.Run("ip", "netns", "exec", NamespaceA, "ping", "-c", "5", "-i", "0.2", "-W", "2", AddressB);
        Assert.Contains("5 received", ping);

        Task<(int, string)> iperfServer = Task.Run(() => Shell.TryRun("ip", "netns", "exec", NamespaceB, "iperf3", "-s", "-1", "-p", "5299"));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        string client = Shell.Run("ip", "netns", "exec", NamespaceA, "iperf3", "-c", AddressB, "-p", "5299", "-n", "20M");
        Assert.Contains("receiver", client);
        await iperfServer.WaitAsync(TimeSpan.FromSeconds(30));

        // The namespaces' stacks may still send (TCP's last ACKs, a retransmission): stop l2fwd only once neither
        // interface's counters moved for a whole second, so every frame counted as sent has had time to be forwarded.
        (ulong Tx, ulong Rx) a1 = VethCounters.Of(NamespaceA, "fpl2a0"), b1 = VethCounters.Of(NamespaceB, "fpl2b0");
        for (int settle = 0; settle < 30; settle++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            (ulong Tx, ulong Rx) a2 = VethCounters.Of(NamespaceA, "fpl2a0"), b2 = VethCounters.Of(NamespaceB, "fpl2b0");
            if (a2 == a1 && b2 == b1)
            {
                break;
            }

            (a1, b1) = (a2, b2);
        }

        l2fwd.Terminate();
        (int exitCode, string stdout, string stderr) = l2fwd.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Matches(@"all \d+ buffers returned", stdout);

        (ulong rx0, ulong tx0) = VethCounters.SummaryRow(stdout, 0, "af_packet");
        (ulong rx1, ulong tx1) = VethCounters.SummaryRow(stdout, 1, "af_packet");
        ulong sentByA = a1.Tx - a0.Tx, receivedByA = a1.Rx - a0.Rx, sentByB = b1.Tx - b0.Tx, receivedByB = b1.Rx - b0.Rx;
        ulong droppedA = VethCounters.PairDrops(NamespaceA, "fpl2a0", HostA) - droppedA0, droppedB = VethCounters.PairDrops(NamespaceB, "fpl2b0", HostB) - droppedB0;
        Assert.True(sentByA > 10_000, $"only {sentByA} frames left namespace A");

        // Every frame is forwarded or counted: by the port as missed (the kernel's drops for a full packet ring, when
        // a loaded machine descheduled the lcore) or by the veth pair as its own drops (a full backlog).
        string counts = $"A sent {sentByA}, received {receivedByA}; B sent {sentByB}, received {receivedByB}; veth drops A {droppedA}, B {droppedB}\n{stdout}";
        Assert.True(sentByA == rx0 + VethCounters.Missed(stdout, 0) + droppedA, counts);
        Assert.True(receivedByB == tx1, counts);
        Assert.True(sentByB == rx1 + VethCounters.Missed(stdout, 1) + droppedB, counts);
        Assert.True(receivedByA == tx0, counts);
    }

    [Fact]
    public void PktgenReceiverSeesEverySequenceNumberAcrossAVeth()
    {
        using AppProcess receiver = AppProcess.Start("pktgen", "--port", $"af_packet:{HostA}", "--rx", "--no-pin", "--stats-interval", "0");
        receiver.WaitForStart("pktgen --rx:");
        AppProcess.Settle();
        using AppProcess sender = AppProcess.StartInNamespace(NamespaceA, "pktgen", "--port", "af_packet:fpl2a0", "--count", "20000", "--rate", "40kpps",
            "--size", "imix", "--src-port", "1000-1015", "--no-pin", "--stats-interval", "0");
        (int sentExit, string sentOut, string sentErr) = sender.WaitForExit(TimeSpan.FromSeconds(60));
        Assert.True(sentExit == 0, sentOut + sentErr);
        Assert.Matches(@"\(handed\)\s+0\s+20000\s", sentOut);
        Thread.Sleep(TimeSpan.FromMilliseconds(500));
        receiver.Terminate();
        (int exitCode, string stdout, string stderr) = receiver.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, stdout + stderr);
        Assert.True(stdout.Contains("probes 20000 in 1 stream(s)", StringComparison.Ordinal), stdout);
        Assert.True(stdout.Contains("expected 20000", StringComparison.Ordinal), stdout);
        Assert.True(stdout.Contains("lost 0, reordered 0, duplicates 0", StringComparison.Ordinal), stdout);
        Assert.Matches(@"latency: min \d+ ns", stdout);
    }

    public void Dispose() => Cleanup();

    private static void Cleanup()
    {
        Shell.TryRun("ip", "netns", "del", NamespaceA);
        Shell.TryRun("ip", "netns", "del", NamespaceB);
        Shell.TryRun("ip", "link", "del", HostA);
        Shell.TryRun("ip", "link", "del", HostB);
    }
}
