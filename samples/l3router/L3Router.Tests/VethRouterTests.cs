using System.Globalization;
using System.Text.RegularExpressions;

namespace L3Router.Tests;

/// <summary>Runs only as root with ip, ping and iperf3 installed; otherwise skipped, saying what is missing.</summary>
public sealed class VethFactAttribute : FactAttribute
{
    public VethFactAttribute()
    {
        string[] missing = [.. new[] { "ip", "ping", "iperf3" }.Where(tool => !Shell.Exists(tool))];
        if (missing.Length > 0)
            Skip = $"the veth test needs {string.Join(", ", missing)}: apt-get install iproute2 iputils-ping iperf3";
        else if (Environment.UserName != "root" && !string.Equals(Environment.GetEnvironmentVariable("USER"), "root", StringComparison.Ordinal) && Shell.TryRun("id", "-u").Output.Trim() != "0")
            Skip = "the veth test creates network namespaces and opens AF_PACKET sockets: run it as root";
    }
}

/// <summary>
/// The router as a process between two network namespaces in two subnets. Each namespace has a veth whose peer is
/// in the root namespace, and the router opens the two peers with AF_PACKET. The router speaks no ARP: each
/// namespace gets a static route to the other subnet via the router's address on its side, and a permanent
/// neighbour entry that maps that address to the router port's MAC (the peer veth's MAC); the routes file names
/// the namespaces' MACs as next hops. IPv6 is off on all four interfaces, so the only frames are IPv4 ones.
/// </summary>
public sealed class VethRouterTests : IDisposable
{
    private const string NamespaceA = "l3r-a", NamespaceB = "l3r-b";
    private const string InsideA = "l3r-a0", InsideB = "l3r-b0", PeerA = "l3r-ah", PeerB = "l3r-bh";
    private const string AddressA = "10.11.0.2", AddressB = "10.12.0.2", RouterA = "10.11.0.1", RouterB = "10.12.0.1";
    private readonly string _routes = Path.Combine(Path.GetTempPath(), $"l3r-veth-{Environment.ProcessId}.routes");

    [VethFact]
    public void Ping_and_tcp_cross_the_router_and_its_counts_match_the_interfaces()
    {
        try
        {
            Setup();
            File.WriteAllText(_routes,
                $"""
                10.11.0.0/24 via {Mac(NamespaceA, InsideA)} port 0
                10.12.0.0/24 via {Mac(NamespaceB, InsideB)} port 1
                """);
            using RouterProcess router = RouterProcess.Start("--routes", _routes, "--port", $"af_packet:{PeerA}", "--port", $"af_packet:{PeerB}",
                "--no-pin", "--hugepages", "Never", "--pool-size", "8192");
            WaitUntilRouting(router);

            Thread.Sleep(500);
            (ulong Tx, ulong Rx) a0 = Counters(NamespaceA, InsideA), b0 = Counters(NamespaceB, InsideB);
            string ping = Shell.Run("ip", "netns", "exec", NamespaceA, "ping", "-c", "5", "-i", "0.2", "-W", "2", AddressB);
            Assert.Contains("5 received", ping);

            Task<(int, string)> server = Task.Run(() => Shell.TryRun("ip", "netns", "exec", NamespaceB, "iperf3", "-s", "-1", "-p", "5311"));
            Thread.Sleep(500);
            string client = Shell.Run("ip", "netns", "exec", NamespaceA, "iperf3", "-c", AddressB, "-p", "5311", "-n", "5M", "--connect-timeout", "5000");
            Assert.Contains("receiver", client);
            Assert.True(server.Wait(TimeSpan.FromSeconds(30)), "iperf3 server did not finish");
            Thread.Sleep(500);
            (ulong Tx, ulong Rx) a1 = Counters(NamespaceA, InsideA), b1 = Counters(NamespaceB, InsideB);

            router.Terminate();
            (int exitCode, string stdout, string stderr) = router.WaitForExit(TimeSpan.FromSeconds(30));
            Assert.True(exitCode == 0, stdout + stderr);
            Assert.Matches(@"pool mempool '\S+': all 8192 buffers returned", stdout);

            ulong sentByA = a1.Tx - a0.Tx, receivedByA = a1.Rx - a0.Rx, sentByB = b1.Tx - b0.Tx, receivedByB = b1.Rx - b0.Rx;
            (ulong rx0, ulong tx0) = Row(stdout, 0);
            (ulong rx1, ulong tx1) = Row(stdout, 1);
            ulong forwarded0 = Number(stdout, "forwarded port 0"), forwarded1 = Number(stdout, "forwarded port 1");
            string detail = $"A sent {sentByA} received {receivedByA}; B sent {sentByB} received {receivedByB}; iperf3:\n{client}\nrouter:\n{stdout}";
            // What ping and iperf3 sent: 5 echo requests and replies, and at least one segment of at most 1448
            // payload bytes (MSS with timestamps; segmentation offloads are off) per 1448 bytes the iperf3 server got.
            // iperf3's client ends when its 5 MiB are queued, and the one-shot server may reset the rest, so what
            // crossed is what the receiver reports, not always all 5 MiB.
            Match receiver = Regex.Match(client, @"([\d.]+) MBytes\s+\S+ \S+bits/sec\s+receiver");
            Assert.True(receiver.Success, client);
            ulong segments = (ulong)Math.Ceiling(double.Parse(receiver.Groups[1].Value, CultureInfo.InvariantCulture) * 1024 * 1024 / 1448 * 0.99);
            Assert.True(segments > 500, detail);
            Assert.True(forwarded1 >= 5 + segments && forwarded0 >= 5, $"expected at least {5 + segments} frames from A to B; " + detail);
            Assert.True(sentByA >= 5 + segments, detail);

            // The router also counts the readiness pings before the snapshot, so its totals are at least the deltas.
            Assert.True(rx0 >= sentByA && forwarded1 >= sentByA, detail);
            Assert.True(rx1 >= sentByB && forwarded0 >= sentByB, detail);
            Assert.True(tx1 >= receivedByB && tx0 >= receivedByA, detail);
            // Only IPv4 crosses (static neighbours, IPv6 off), so nothing is dropped and each direction balances.
            Assert.Equal(rx0, forwarded1);
            Assert.Equal(rx1, forwarded0);
            Assert.Equal(0UL, Number(stdout, "drop total"));
            // The deltas leave out only the few readiness frames sent before the snapshot.
            Assert.True(rx0 - sentByA <= 20 && rx1 - sentByB <= 20, detail);
        }
        finally
        {
            Cleanup();
            File.Delete(_routes);
        }
    }

    public void Dispose() => Cleanup();

    private static void Setup()
    {
        Cleanup();
        bool ethtool = Shell.Exists("ethtool");
        foreach ((string ns, string inside, string peer, string address) in new[] { (NamespaceA, InsideA, PeerA, AddressA), (NamespaceB, InsideB, PeerB, AddressB) })
        {
            Shell.Run("ip", "netns", "add", ns);
            Shell.Run("ip", "link", "add", inside, "type", "veth", "peer", "name", peer);
            Shell.Run("ip", "link", "set", inside, "netns", ns);
            Shell.Run("ip", "netns", "exec", ns, "sysctl", "-qw", $"net.ipv6.conf.{inside}.disable_ipv6=1");
            Shell.Run("sysctl", "-qw", $"net.ipv6.conf.{peer}.disable_ipv6=1");
            Shell.Run("ip", "netns", "exec", ns, "ip", "addr", "add", address + "/24", "dev", inside);
            if (ethtool)
            {
                // AF_PACKET sees frames as they are on the wire: no segmentation or checksum offload may leave work undone.
                Shell.Run("ip", "netns", "exec", ns, "ethtool", "-K", inside, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
                Shell.Run("ethtool", "-K", peer, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            }

            Shell.Run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
            Shell.Run("ip", "netns", "exec", ns, "ip", "link", "set", inside, "up");
            Shell.Run("ip", "link", "set", peer, "up");
        }

        // The router is pure IPv4: the namespaces reach its ports through static routes and permanent neighbours.
        foreach ((string ns, string inside, string peer, string router, string other) in new[]
                 { (NamespaceA, InsideA, PeerA, RouterA, "10.12.0.0/24"), (NamespaceB, InsideB, PeerB, RouterB, "10.11.0.0/24") })
        {
            Shell.Run("ip", "netns", "exec", ns, "ip", "neigh", "add", router, "lladdr", Mac(null, peer), "dev", inside, "nud", "permanent");
            Shell.Run("ip", "netns", "exec", ns, "ip", "route", "add", other, "via", router, "dev", inside);
        }
    }

    private static void WaitUntilRouting(RouterProcess router)
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            Assert.False(router.HasExited, "l3router exited early: " + router.StderrSoFar);
            if (Shell.TryRun("ip", "netns", "exec", NamespaceA, "ping", "-c", "1", "-W", "1", AddressB).ExitCode == 0)
                return;
        }

        Assert.Fail("no ping crossed the router within 20 attempts");
    }

    private static string Mac(string? ns, string device) =>
        (ns is null ? Shell.Run("cat", $"/sys/class/net/{device}/address") : Shell.Run("ip", "netns", "exec", ns, "cat", $"/sys/class/net/{device}/address")).Trim();

    private static (ulong Tx, ulong Rx) Counters(string ns, string device)
    {
        ulong Read(string counter) => ulong.Parse(Shell.Run("ip", "netns", "exec", ns, "cat", $"/sys/class/net/{device}/statistics/{counter}").Trim(), CultureInfo.InvariantCulture);
        return (Read("tx_packets"), Read("rx_packets"));
    }

    private static (ulong Rx, ulong Tx) Row(string stdout, int port)
    {
        Match match = Regex.Match(stdout, $@"^port {port} \S+ rx (\d+) tx (\d+)\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, stdout);
        return (ulong.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), ulong.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static ulong Number(string stdout, string label)
    {
        Match match = Regex.Match(stdout, $@"^{Regex.Escape(label)} (\d+)\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no '{label}' line in:\n{stdout}");
        return ulong.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static void Cleanup()
    {
        Shell.TryRun("ip", "netns", "del", NamespaceA);
        Shell.TryRun("ip", "netns", "del", NamespaceB);
        Shell.TryRun("ip", "link", "del", PeerA);
        Shell.TryRun("ip", "link", "del", PeerB);
    }
}
