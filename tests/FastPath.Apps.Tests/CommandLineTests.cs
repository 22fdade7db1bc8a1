namespace FastPath.Apps.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("l2fwd", new[] { "--port", "--lcores", "--duration", "--burst", "--pool-size", "--mtu", "--hugepages", "--stats-interval", "--no-pin", "--log-level", "--no-mac-updating", "--queues", "--tx-drain", "--demo", "--size", "--rate", "--count", "--idle", "--output", "--crank", "--metrics-port", "--metrics-address", "--record-core-cycles", "interrupt[:after=DURATION]", "af_packet:IFACE", "af_xdp:IFACE[:queues=N][:start-queue=Q][:mode=auto|native|generic]" })]
    [InlineData("pktgen", new[] { "--port", "--lcores", "--duration", "--mtu", "--rate", "--size", "--count", "--src-mac", "--dst-mac", "--src-ip", "--dst-ip", "--src-port", "--dst-port", "--tx-checksum", "--replay", "--rx", "--idle", "--output", "--crank", "--metrics-port", "--metrics-address", "--record-core-cycles", "--rx --idle interrupt", "null[:rx=LEN]", "af_xdp:IFACE" })]
    public void HelpDocumentsEveryOption(string app, string[] expected)
    {
        (int exitCode, string stdout, _) = AppProcess.Run(app, "--help");
        Assert.Equal(0, exitCode);
        foreach (string text in expected)
        {
            Assert.Contains(text, stdout);
        }
    }

    /// <summary>
    /// Arguments the apps can check without memory or ports: each must fail with exactly one stderr line and exit 2
    /// before a mempool is created, under the default hugepage policy (which, on a machine without reserved hugepages,
    /// logs a fallback warning when a pool is created).
    /// </summary>
    [Theory]
    [MemberData(nameof(ArgumentErrors))]
    public void BadArgumentsExitTwoWithOneLineBeforeAnyPool(string app, string expected, string[] args) =>
        AssertOneErrorLine(app, expected, AppProcess.Run(app, args));

    /// <summary>
    /// The same arguments with a pool that cannot be created (hugepages required, far more buffers than any machine
    /// reserves): had the app created its pool before checking them, the one line would be the mempool's error.
    /// </summary>
    [Theory]
    [MemberData(nameof(ArgumentErrors))]
    public void BadArgumentsFailBeforeThePoolIsCreated(string app, string expected, string[] args) =>
        AssertOneErrorLine(app, expected, AppProcess.Run(app, [.. args, "--hugepages", "Require", "--pool-size", UncreatablePoolSize]));

    public static TheoryData<string, string, string[]> ArgumentErrors => new()
    {
        { "l2fwd", "unknown port kind 'foo'", ["--port", "foo:bar", "--port", "null"] },
        { "l2fwd", "unknown port kind 'foo'", ["--port", "null", "--port", "foo:bar"] },
        { "l2fwd", "null has no option 'speed'", ["--port", "null", "--port", "null:speed=10"] },
        { "l2fwd", "sim has no option 'speed'", ["--port", "sim:ixgbe:speed=10", "--port", "sim:ixgbe"] },
        { "l2fwd", "appears twice", ["--port", "null", "--port", "null", "--lcores", "0,0"] },
        { "l2fwd", "not a core number", ["--port", "null", "--port", "null", "--lcores", "a-b"] },
        { "l2fwd", "not allowed", ["--port", "null", "--port", "null", "--lcores", "4000"] },
        { "l2fwd", "above the highest lcore id", ["--port", "null", "--port", "null", "--lcores", "4000", "--no-pin"] },
        { "l2fwd", "even number", ["--port", "null"] },
        { "l2fwd", "even number", ["--port", "null", "--port", "null", "--port", "null"] },
        { "l2fwd", "--queues 0 is out of range", ["--port", "null", "--port", "null", "--queues", "0"] },
        { "l2fwd", "only 1 queue pair(s) to serve", ["--port", "null", "--port", "null", "--lcores", "0,1", "--no-pin"] },
        { "l2fwd", "--burst 0 is out of range", ["--port", "null", "--port", "null", "--burst", "0"] },
        { "l2fwd", "--mtu 20 is out of range; give 46 to 9198", ["--port", "null", "--port", "null", "--mtu", "20"] },
        { "l2fwd", "Unrecognized", ["--frobnicate"] },
        { "l2fwd", "drop --port", ["--demo", "--port", "null"] },
        { "l2fwd", "not a demo link kind", ["--demo", "--demo-ports", "wire"] },
        { "l2fwd", "--size", ["--demo", "--size", "9000"] },
        { "l2fwd", "not a rate", ["--demo", "--rate", "fast"] },
        { "l2fwd", "--tx-drain: 'soon' is not a drain policy", ["--port", "null", "--port", "null", "--tx-drain", "soon"] },
        { "l2fwd", "--tx-drain: A drain interval of '5s' is out of range", ["--demo", "--tx-drain", "5s"] },
        { "l2fwd", "1 or 2 lcores", ["--demo", "--lcores", "0,1,2", "--no-pin"] },
        { "l2fwd", "--idle: 'sleepy' is not an idle mode; give poll, interrupt or interrupt:after=DURATION", ["--port", "null", "--port", "null", "--idle", "sleepy"] },
        { "l2fwd", "--idle: '5 minutes' is not a duration", ["--port", "null", "--port", "null", "--idle", "interrupt:after=5 minutes"] },
        { "l2fwd", "interrupt takes one option, after=DURATION", ["--port", "null", "--port", "null", "--idle", "interrupt:soon"] },
        { "l2fwd", "does not apply to --demo", ["--demo", "--idle", "interrupt"] },
        { "pktgen", "--idle interrupt:after=1000us applies to --rx only", ["--port", "null", "--idle", "interrupt:after=1ms"] },
        { "pktgen", "out of range", ["--port", "null", "--size", "9300"] },
        { "pktgen", "longer than --mtu 1500 allows (1514); raise --mtu or lower --size.", ["--port", "null", "--size", "9018", "--mtu", "1500"] },
        { "pktgen", "--vlan: VLAN id 4095 is out of range", ["--port", "null", "--vlan", "4095"] },
        { "pktgen", "--vlan: VLAN priority 9 is out of range", ["--port", "null", "--vlan", "5", "--vlan-priority", "9"] },
        { "pktgen", "--vlan-priority applies to --vlan tags", ["--port", "null", "--vlan-priority", "3"] },
        { "pktgen", "--vlan tags the frames pktgen generates", ["--port", "null", "--rx", "--vlan", "5"] },
        { "pktgen", "--plot draws what pktgen --rx received; add --rx or drop --plot.", ["--port", "null", "--plot", "x.png"] },
        { "pktgen", "exactly one --port", ["--port", "null", "--port", "null"] },
        { "pktgen", "unknown port kind 'foo'", ["--port", "foo"] },
        { "pktgen", "not a rate", ["--port", "null", "--rate", "fast"] },
        { "pktgen", "above line rate; give at most 100%", ["--port", "null", "--rate", "150%"] },
        { "pktgen", "--dst-ip", ["--port", "null", "--dst-ip", "10.0.0"] },
        { "pktgen", "--src-mac", ["--port", "null", "--src-mac", "02:00"] },
        { "pktgen", "--src-port", ["--port", "null", "--src-port", "70000"] },
        { "pktgen", "smaller than the 2 TX queues", ["--port", "null", "--count", "1", "--lcores", "0,1", "--no-pin"] },
        { "pktgen", "give one of them", ["--port", "null", "--rx", "--replay", "pcap:/nosuch.pcap"] },
        { "pktgen", "--replay runs on one lcore", ["--port", "null", "--replay", "pcap:/nosuch.pcap", "--lcores", "0,1", "--no-pin"] },
        { "pktgen", "unknown port kind 'foo'", ["--port", "null", "--replay", "foo:bar"] },
        { "pktgen", "--tx-checksum: 'tcp' is not a checksum", ["--port", "null", "--tx-checksum", "ip,tcp"] },
        { "pktgen", "--tx-checksum applies to the frames pktgen generates", ["--port", "null", "--rx", "--tx-checksum", "udp"] },
        { "pktgen", "--crank and --output json both claim stdout", ["--port", "null", "--crank", "--output", "json"] },
        { "pktgen", "--output xml is not an output format; give text or json", ["--port", "null", "--output", "xml"] },
        { "l2fwd", "--metrics-port 70000 is not a TCP port", ["--port", "null", "--port", "null", "--metrics-port", "70000"] },
        { "l2fwd", "--metrics-address 'localhost' is not an IP address", ["--demo", "--metrics-port", "9464", "--metrics-address", "localhost"] },
    };

    /// <summary>
    /// Errors only opening a port can find (a missing interface, device or file, a value the driver checks, the
    /// port's line rate): the pool exists by then, so these run on small pages by choice, so that on a machine without
    /// reserved hugepages the pool's fallback warning does not join the one error line.
    /// </summary>
    [Theory]
    [InlineData("l2fwd", "does not exist", "--port", "af_packet:nosuch0", "--port", "null")]
    [InlineData("l2fwd", "There is no PCI device", "--port", "pci:0000:03:00.0", "--port", "null")]
    [InlineData("l2fwd", "Port 1 ('null') has no wake source, so an lcore cannot sleep on it with --idle interrupt; use --idle poll", "--port", "ring:idl", "--port", "null", "--idle", "interrupt")]
    [InlineData("pktgen", "Port 0 ('null') has no wake source", "--port", "null", "--rx", "--idle", "interrupt")]
    [InlineData("pktgen", "above the port's line rate", "--port", "null", "--rate", "200gbit")]
    [InlineData("pktgen", "--size 9220: port 'sim:ixgbe:link=sim0/0' (sim:ixgbe) carries frames of at most 9018 bytes (9022 on the wire), 9216 asked; give a --size of at most 9022", "--port", "sim:ixgbe", "--size", "9220", "--log-level", "Warning")]
    [InlineData("pktgen", "above line rate", "--port", "null", "--rate", "160mpps")]
    [InlineData("pktgen", "Could not find file", "--port", "null", "--replay", "pcap:/nosuch.pcap")]
    [InlineData("pktgen", "--tx-checksum: port 'null' (null) does not compute Ipv4Checksum, UdpChecksum on transmit", "--port", "null", "--tx-checksum", "ip,udp")]
    public void PortOpenFailuresExitTwoWithOneLine(string app, string expected, params string[] args) =>
        AssertOneErrorLine(app, expected, RunWithSmallPages(app, args));

    [Fact]
    public void DemoRunsEndToEndWithZeroLoss()
    {
        (int exitCode, string stdout, string stderr) = AppProcess.Run("l2fwd", "--demo", "--duration", "2", "--no-pin");
        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Contains("PASS: zero loss", stdout);
        Assert.Contains("buffers returned", stdout);
        Assert.Contains("lost 0", stdout);
    }

    [Fact]
    public void DemoOverSimulatedIxgbePortsRunsEndToEndWithZeroLoss()
    {
        (int exitCode, string stdout, string stderr) = AppProcess.Run("l2fwd", "--demo", "--demo-ports", "sim", "--count", "100000", "--no-pin", "--stats-interval", "0");
        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Contains("pktgen → sim:ixgbe → l2fwd → sim:ixgbe → receiver", stdout);
        Assert.Contains("PASS: zero loss, all sequence numbers 0..99999 received once", stdout);
        Assert.Contains("all 16384 buffers returned", stdout);
    }

    [Fact]
    public void ForwardsBetweenSimulatedIxgbePortsFromTheCommandLine()
    {
        (int exitCode, string stdout, string stderr) = AppProcess.Run("l2fwd", "--port", "sim:ixgbe:link=a", "--port", "sim:ixgbe:link=b", "--port", "sim:ixgbe:link=a", "--port", "sim:ixgbe:link=b", "--duration", "1", "--no-pin", "--stats-interval", "0", "--lcores", "0");
        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Contains("all 16384 buffers returned", stdout);
    }

    [Fact]
    public void ForwardsBetweenSimulatedIxgbePortsSleepingOnTheirMsixInterrupts()
    {
        (int exitCode, string stdout, string stderr) = AppProcess.Run("l2fwd", "--port", "sim:ixgbe:link=a", "--port", "sim:ixgbe:link=b", "--port", "sim:ixgbe:link=a", "--port", "sim:ixgbe:link=b",
            "--duration", "2", "--no-pin", "--stats-interval", "0", "--lcores", "0", "--idle", "interrupt:after=100us");
        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Contains("Idle mode interrupt:after=100us over the run:", stdout);
        Assert.Matches(@"idle lcore 0: [1-9]\d* sleeps", stdout);
        Assert.Contains("all 16384 buffers returned", stdout);
    }

    [Theory]
    [InlineData("--port sim:ixgbe:link=a --port sim:ixgbe:link=b", "link 'a' has only this end open")]
    [InlineData("--port sim:e1000 --port sim:ixgbe", "no simulated NIC model 'e1000'")]
    [InlineData("--port sim:ixgbe:rxd=100 --port sim:ixgbe", "rxd=100 is not a power of two")]
    public void RejectsBadSimulatedPortSpecs(string arguments, string expected)
    {
        (int exitCode, _, string stderr) = RunWithSmallPages("l2fwd", [.. arguments.Split(' '), "--duration", "1", "--no-pin", "--lcores", "0", "--log-level", "Warning"]);
        Assert.Equal(2, exitCode);
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(expected, lines[0]);
    }

    [Fact]
    public void ForwardsBetweenNullPortsForADuration()
    {
        (int exitCode, string stdout, string stderr) = AppProcess.Run("l2fwd", "--port", "null:rx=64", "--port", "null:rx=64", "--duration", "1", "--no-pin");
        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Contains("all 16384 buffers returned", stdout);

        // What port 0 received, port 1 sent (a null port accepts every frame), and the ports' own counts agree.
        AppSummary summary = AppSummary.Parse(stdout);
        AppSummary.Row port0 = summary.Port(0), port1 = summary.Port(1);
        Assert.True(port0.Rx > 10_000, stdout);
        Assert.True(port1.Rx > 10_000, stdout);
        Assert.Equal(port0.Rx, port1.Tx + port1.Dropped);
        Assert.Equal(port1.Rx, port0.Tx + port0.Dropped);
        Assert.Equal(0UL, port0.Dropped + port1.Dropped);
        Assert.Equal(port0.Rx + port1.Rx, summary.Total.Rx);
        Assert.Contains($"port 1 null:rx=64: rx {port1.Rx}, tx {port1.Tx},", stdout);
    }

    [Fact]
    public void RecordCoreCyclesPrintsBusyCyclesPerFrameOverEveryFrameTheLcoreReceived()
    {
        (int exitCode, string stdout, string stderr) = AppProcess.Run("l2fwd", "--port", "null:rx=64", "--port", "null:rx=64", "--duration", "1", "--no-pin", "--lcores", "0", "--record-core-cycles");
        Assert.True(exitCode == 0, stdout + stderr);

        AppSummary summary = AppSummary.Parse(stdout);
        var busy = System.Text.RegularExpressions.Regex.Match(stdout, @"^busy lcore 0: ([0-9.]+) cycles per frame at [0-9]+ MHz TSC \(([0-9.]+) ns; ([0-9]+) frames in ([0-9]+) busy rounds of ([0-9]+), busy ([0-9.]+) s\)$", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(busy.Success, stdout);
        Assert.Equal(summary.Total.Rx, ulong.Parse(busy.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
        double cycles = double.Parse(busy.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        double busySeconds = double.Parse(busy.Groups[6].Value, System.Globalization.CultureInfo.InvariantCulture);
        // Null ports always have frames: every round is busy, and the busy time is most of the one-second run.
        Assert.Equal(busy.Groups[4].Value, busy.Groups[5].Value);
        Assert.InRange(busySeconds, 0.5, 1.5);
        Assert.InRange(cycles, 1, 100_000);
    }

    [Fact]
    public void PktgenWritesAPcapAndReplaysIt()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fastpath-apps-{Environment.ProcessId}.pcap");
        (int exitCode, string stdout, string stderr) = AppProcess.Run("pktgen", "--port", "pcap-out:" + path, "--count", "1000", "--no-pin");
        Assert.True(exitCode == 0, stdout + stderr);
        (exitCode, stdout, stderr) = AppProcess.Run("pktgen", "--port", "null", "--replay", $"pcap:{path}:loop=3", "--no-pin");
        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Matches(@"null \(handed\)\s+0\s+3000\s", stdout);
        File.Delete(path);
    }

    [Fact]
    public void PktgenSendsItsCountAndTheNullPortAgrees()
    {
        (int exitCode, string stdout, string stderr) = AppProcess.Run("pktgen", "--port", "null", "--count", "100000", "--lcores", "0", "--no-pin", "--size", "imix");
        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Matches(@"null \(handed\)\s+0\s+100000\s", stdout);
        Assert.Matches(@"null \(port\)\s+0\s+100000\s", stdout);
    }

    /// <summary>More buffers (about 600 GiB) than any machine reserves hugepages for.</summary>
    private const string UncreatablePoolSize = "268435456";

    private static void AssertOneErrorLine(string app, string expected, (int ExitCode, string Stdout, string Stderr) run)
    {
        (int exitCode, string stdout, string stderr) = run;
        Assert.True(exitCode == 2, $"exit {exitCode}; stdout: {stdout}; stderr: {stderr}");
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one stderr line, got {lines.Length}: {stderr}");
        Assert.StartsWith(app + ": ", lines[0]);
        Assert.Contains(expected, lines[0]);
    }

    /// <summary>
    /// Runs an app on small pages by choice, so that on a machine without reserved hugepages the pool's fallback
    /// warning does not join the one error line these tests expect on stderr.
    /// </summary>
    private static (int ExitCode, string Stdout, string Stderr) RunWithSmallPages(string app, string[] args) =>
        AppProcess.Run(app, [.. args, "--hugepages", "Never"]);
}
