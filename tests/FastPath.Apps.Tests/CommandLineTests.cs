namespace FastPath.Apps.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("l2fwd", new[] { "--port", "--lcores", "--duration", "--burst", "--pool-size", "--hugepages", "--stats-interval", "--no-pin", "--log-level", "--no-mac-updating", "--queues", "--demo", "--size", "--rate", "--count", "af_packet:IFACE" })]
    [InlineData("pktgen", new[] { "--port", "--lcores", "--duration", "--rate", "--size", "--count", "--src-mac", "--dst-mac", "--src-ip", "--dst-ip", "--src-port", "--dst-port", "--replay", "--rx", "null[:rx=LEN]" })]
    public void HelpDocumentsEveryOption(string app, string[] expected)
    {
        (int exitCode, string stdout, _) = AppProcess.Run(app, "--help");
        Assert.Equal(0, exitCode);
        foreach (string text in expected)
        {
            Assert.Contains(text, stdout);
        }
    }

    [Theory]
    [InlineData("l2fwd", "unknown port kind 'foo'", "--port", "foo:bar", "--port", "null")]
    [InlineData("l2fwd", "does not exist", "--port", "af_packet:nosuch0", "--port", "null")]
    [InlineData("l2fwd", "There is no PCI device", "--port", "pci:0000:03:00.0", "--port", "null")]
    [InlineData("l2fwd", "appears twice", "--port", "null", "--port", "null", "--lcores", "0,0")]
    [InlineData("l2fwd", "not a core number", "--port", "null", "--port", "null", "--lcores", "a-b")]
    [InlineData("l2fwd", "not allowed", "--port", "null", "--port", "null", "--lcores", "4000")]
    [InlineData("l2fwd", "even number", "--port", "null")]
    [InlineData("l2fwd", "Unrecognized", "--frobnicate")]
    [InlineData("l2fwd", "drop --port", "--demo", "--port", "null")]
    [InlineData("pktgen", "above the port's line rate", "--port", "null", "--rate", "200gbit")]
    [InlineData("pktgen", "above line rate", "--port", "null", "--rate", "160mpps")]
    [InlineData("pktgen", "out of range", "--port", "null", "--size", "9000")]
    [InlineData("pktgen", "exactly one --port", "--port", "null", "--port", "null")]
    [InlineData("pktgen", "not a rate", "--port", "null", "--rate", "fast")]
    [InlineData("pktgen", "--dst-ip", "--port", "null", "--dst-ip", "10.0.0")]
    [InlineData("pktgen", "Could not find file", "--port", "null", "--replay", "pcap:/nosuch.pcap")]
    public void BadArgumentsExitTwoWithOneLine(string app, string expected, params string[] args)
    {
        (int exitCode, string stdout, string stderr) = RunWithSmallPages(app, args);
        Assert.True(exitCode == 2, $"exit {exitCode}; stdout: {stdout}; stderr: {stderr}");
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith(app + ": ", lines[0]);
        Assert.Contains(expected, lines[0]);
    }

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

    [Theory]
    [InlineData("--port sim:ixgbe:link=a --port sim:ixgbe:link=b", "link 'a' has only this end open")]
    [InlineData("--port sim:e1000 --port sim:ixgbe", "no simulated NIC model 'e1000'")]
    [InlineData("--port sim:ixgbe:rxd=100 --port sim:ixgbe", "rxd=100 is not a power of two")]
    [InlineData("--port sim:ixgbe:speed=10 --port sim:ixgbe", "sim has no option 'speed'")]
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
        Assert.Contains("total", stdout);
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

    /// <summary>
    /// Runs an app on small pages by choice, so that on a machine without reserved hugepages the pool's fallback
    /// warning does not join the one error line these tests expect on stderr.
    /// </summary>
    private static (int ExitCode, string Stdout, string Stderr) RunWithSmallPages(string app, string[] args) =>
        AppProcess.Run(app, [.. args, "--hugepages", "Never"]);
}
