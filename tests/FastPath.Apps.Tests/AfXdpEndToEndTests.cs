using System.Globalization;
using System.Text.RegularExpressions;

namespace FastPath.Apps.Tests;

/// <summary>
/// The apps over <c>af_xdp</c> ports on real veth pairs: two network namespaces (axpl2a, axpl2b), each with a veth
/// whose peer is in the root namespace, where the apps open the peers. l2fwd bridges them for ping and an iperf3
/// TCP transfer with its counts matching the interfaces'; pktgen sends sequence-numbered frames through an
/// af_xdp port to a pktgen receiver on another; pktgen --replay writes what an af_xdp port received to a pcap-out
/// port, and tshark reads it back.
/// Needs root, iproute2, ping, iperf3, ethtool and tshark.
/// </summary>
public sealed class AfXdpEndToEndTests : IDisposable
{
    private const string NamespaceA = "axpl2a";
    private const string NamespaceB = "axpl2b";
    private const string InsideA = "axpl2a0";
    private const string InsideB = "axpl2b0";
    private const string HostA = "axpl2ah";
    private const string HostB = "axpl2bh";
    private const string AddressA = "10.202.0.1";
    private const string AddressB = "10.202.0.2";

    public AfXdpEndToEndTests()
    {
        foreach (string tool in new[] { "ip", "ping", "iperf3", "ethtool", "tshark" })
        {
            if (!Shell.Exists(tool))
            {
                throw new InvalidOperationException($"The AF_XDP end-to-end test needs '{tool}': apt-get install {(tool == "ip" ? "iproute2" : tool == "ping" ? "iputils-ping" : tool)}");
            }
        }

        Cleanup();
        foreach ((string ns, string inside, string host, string address) in new[] { (NamespaceA, InsideA, HostA, AddressA), (NamespaceB, InsideB, HostB, AddressB) })
        {
            Shell.Run("ip", "netns", "add", ns);
            Shell.Run("ip", "link", "add", inside, "type", "veth", "peer", "name", host);
            Shell.Run("ip", "link", "set", inside, "netns", ns);
            Shell.Run("ip", "netns", "exec", ns, "sysctl", "-qw", $"net.ipv6.conf.{inside}.disable_ipv6=1");
            Shell.Run("sysctl", "-qw", $"net.ipv6.conf.{host}.disable_ipv6=1");
            Shell.Run("ip", "netns", "exec", ns, "ip", "addr", "add", address + "/24", "dev", inside);
            // XDP sees frames as they are on the wire: no segmentation or checksum offload may leave work undone.
            Shell.Run("ip", "netns", "exec", ns, "ethtool", "-K", inside, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            Shell.Run("ethtool", "-K", host, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            Shell.Run("ip", "netns", "exec", ns, "ip", "link", "set", inside, "up");
            Shell.Run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
            Shell.Run("ip", "link", "set", host, "up");
        }
    }

    [Fact]
    public async Task PingAndTcpCrossL2fwdOverAfXdpAndItsCountsMatch()
    {
        using AppProcess l2fwd = AppProcess.Start("l2fwd", "--port", $"af_xdp:{HostA}", "--port", $"af_xdp:{HostB}", "--no-mac-updating", "--no-pin", "--stats-interval", "0");
        l2fwd.WaitForStart("Forwarding between");
        AppProcess.Settle();
        (ulong Tx, ulong Rx) a0 = VethCounters.Of(NamespaceA, InsideA), b0 = VethCounters.Of(NamespaceB, InsideB);
        ulong droppedA0 = VethCounters.PairDrops(NamespaceA, InsideA, HostA), droppedB0 = VethCounters.PairDrops(NamespaceB, InsideB, HostB);

        string ping = Shell.Run("ip", "netns", "exec", NamespaceA, "ping", "-c", "5", "-i", "0.2", "-W", "2", AddressB);
        Assert.Contains("5 received", ping);

        Task<(int, string)> iperfServer = Task.Run(() => Shell.TryRun("ip", "netns", "exec", NamespaceB, "iperf3", "-s", "-1", "-p", "5298"));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        string client = Shell.Run("ip", "netns", "exec", NamespaceA, "iperf3", "-c", AddressB, "-p", "5298", "-n", "20M");
        Assert.Contains("receiver", client);
        await iperfServer.WaitAsync(TimeSpan.FromSeconds(30));

        (ulong Tx, ulong Rx) a1 = VethCounters.Of(NamespaceA, InsideA), b1 = VethCounters.Of(NamespaceB, InsideB);
        for (int settle = 0; settle < 30; settle++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            (ulong Tx, ulong Rx) a2 = VethCounters.Of(NamespaceA, InsideA), b2 = VethCounters.Of(NamespaceB, InsideB);
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

        (ulong rx0, ulong tx0) = VethCounters.SummaryRow(stdout, 0, "af_xdp");
        (ulong rx1, ulong tx1) = VethCounters.SummaryRow(stdout, 1, "af_xdp");
        ulong sentByA = a1.Tx - a0.Tx, receivedByA = a1.Rx - a0.Rx, sentByB = b1.Tx - b0.Tx, receivedByB = b1.Rx - b0.Rx;
        ulong droppedA = VethCounters.PairDrops(NamespaceA, InsideA, HostA) - droppedA0, droppedB = VethCounters.PairDrops(NamespaceB, InsideB, HostB) - droppedB0;
        Assert.True(sentByA > 10_000, $"only {sentByA} frames left namespace A");

        // What the kernel dropped for a full receive ring or an empty fill ring (a descheduled lcore on a shared
        // machine) it counts, and the port reports as rx missed; what the veth pair itself dropped on the way to the
        // host end (a full backlog when the machine is loaded) it counts as the pair's drops: every frame is either
        // forwarded or counted.
        string counts = $"A sent {sentByA}, received {receivedByA}; B sent {sentByB}, received {receivedByB}; veth drops A {droppedA}, B {droppedB}\n{stdout}";
        Assert.True(sentByA == rx0 + VethCounters.Missed(stdout, 0) + droppedA, counts);
        Assert.True(receivedByB == tx1, counts);
        Assert.True(sentByB == rx1 + VethCounters.Missed(stdout, 1) + droppedB, counts);
        Assert.True(receivedByA == tx0, counts);
        Assert.DoesNotContain("prog/xdp", Shell.Run("ip", "link", "show", HostA), StringComparison.Ordinal);
    }

    [Fact]
    public void PktgenThroughAfXdp_ToAPktgenReceiverOnAfXdp_LosesNothing()
    {
        using AppProcess receiver = AppProcess.Start("pktgen", "--port", $"af_xdp:{HostA}:rxd=8192", "--rx", "--no-pin", "--stats-interval", "0");
        receiver.WaitForStart("pktgen --rx:");
        AppProcess.Settle();
        using AppProcess sender = AppProcess.StartInNamespace(NamespaceA, "pktgen", "--port", $"af_xdp:{InsideA}", "--count", "20000", "--rate", "40kpps",
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
        Assert.Matches(@"all \d+ buffers returned", stdout);
    }

    [Fact]
    public void FramesReceivedOnAfXdp_WrittenByPcapOut_ReadBackWithTshark()
    {
        string capture = Path.Combine(Path.GetTempPath(), $"axp-{Guid.NewGuid():N}.pcap");
        try
        {
            using AppProcess replay = AppProcess.Start("pktgen", "--port", $"pcap-out:{capture}", "--replay", $"af_xdp:{HostA}", "--no-pin", "--stats-interval", "0");
            replay.WaitForStart("pktgen: replaying");
            AppProcess.Settle();
            using AppProcess sender = AppProcess.StartInNamespace(NamespaceA, "pktgen", "--port", $"af_packet:{InsideA}", "--count", "500", "--rate", "10kpps",
                "--size", "128", "--src-port", "4000-4003", "--no-pin", "--stats-interval", "0");
            (int sentExit, string sentOut, string sentErr) = sender.WaitForExit(TimeSpan.FromSeconds(60));
            Assert.True(sentExit == 0, sentOut + sentErr);
            Thread.Sleep(TimeSpan.FromMilliseconds(500));
            replay.Terminate();
            (int exitCode, string stdout, string stderr) = replay.WaitForExit(TimeSpan.FromSeconds(30));
            Assert.True(exitCode == 0, stdout + stderr);
            Assert.Matches(@"all \d+ buffers returned", stdout);

            string fields = Shell.Run("tshark", "-r", capture, "-Y", "udp.srcport >= 4000 && udp.srcport <= 4003 && !icmp", "-T", "fields", "-e", "frame.len", "-e", "udp.srcport");
            // Shell.Run merges stderr, where tshark warns about running as root: keep the field rows only.
            string[] rows = fields.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => Regex.IsMatch(line, @"^\d+\t\d+$")).ToArray();
            Assert.True(rows.Length == 500, $"{rows.Length} rows:\n{fields}");
            Assert.All(rows, row => Assert.StartsWith("124\t", row, StringComparison.Ordinal));
            Assert.Equal(4, rows.Select(row => row.Split('\t')[1]).Distinct().Count());
        }
        finally
        {
            File.Delete(capture);
        }
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
