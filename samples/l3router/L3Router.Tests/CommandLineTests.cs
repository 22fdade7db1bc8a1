namespace L3Router.Tests;

/// <summary>
/// The process refuses a bad command line or routes file with exactly one stderr line and exit code 2, before it
/// creates any pool or opens any port (the ports named here do not exist, so getting further would fail differently).
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("l3r-cli-").FullName;

    private string Routes(string text)
    {
        string path = Path.Combine(_dir, $"routes-{Guid.NewGuid():n}.txt");
        File.WriteAllText(path, text);
        return path;
    }

    private static string OneErrorLine(string[] args)
    {
        (int exitCode, string stdout, string stderr) = RouterProcess.Run(args);
        Assert.True(exitCode == 2, $"exit {exitCode}; stdout: {stdout}; stderr: {stderr}");
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one stderr line, got: " + stderr);
        Assert.StartsWith("l3router: ", lines[0]);
        Assert.Contains("; ", lines[0]);
        Assert.Equal("", stdout);
        return lines[0];
    }

    [Fact]
    public void A_syntax_error_names_the_file_and_line()
    {
        string path = Routes("10.1.0.0/16 via 02:00:00:00:00:01 port 0\n10.2.0.0/16 by 02:00:00:00:00:02 port 1\n");
        string line = OneErrorLine(["--routes", path, "--port", "af_packet:l3r-none0", "--port", "af_packet:l3r-none1"]);
        Assert.Contains($"{path}:2: expected 'via'", line);
    }

    [Fact]
    public void A_route_beyond_the_given_ports_is_refused()
    {
        string path = Routes("10.1.0.0/16 via 02:00:00:00:00:01 port 0\n10.2.0.0/16 via 02:00:00:00:00:02 port 2\n");
        string line = OneErrorLine(["--routes", path, "--port", "af_packet:l3r-none0", "--port", "af_packet:l3r-none1"]);
        Assert.Contains("uses port 2, but only ports 0 to 1 are given", line);
    }

    [Fact]
    public void A_missing_routes_file_is_refused()
    {
        string path = Path.Combine(_dir, "no-such-routes.txt");
        string line = OneErrorLine(["--routes", path, "--port", "af_packet:l3r-none0", "--port", "af_packet:l3r-none1"]);
        Assert.Contains($"{path}: no such file", line);
    }

    [Theory]
    [InlineData("--port", "ring:x")]                                   // no --routes, one port
    [InlineData("--routes", "R", "--port", "ring:x")]                  // one port only
    [InlineData("--routes", "R", "--port", "ring:x", "--port", "ring:x", "--queues", "0")]
    [InlineData("--routes", "R", "--port", "ring:x", "--port", "ring:x", "--hugepages", "Sometimes")]
    [InlineData("--routes", "R", "--port", "ring:x", "--port", "ring:x", "--lcores", "1,2")]
    [InlineData("--routes", "R", "--port", "ring:x", "--port", "ring:x", "--duration", "soon")]
    [InlineData("--routes", "R", "--port", "ring:x", "--port", "ring:x", "--frobnicate")]
    [InlineData("--routes", "R", "--port", "ring:x", "--port")]
    public void Bad_arguments_are_one_line_and_exit_2(params string[] args)
    {
        string routes = Routes("0.0.0.0/0 via 02:00:00:00:00:01 port 1\n");
        OneErrorLine([.. args.Select(a => a == "R" ? routes : a)]);
    }

    [Fact]
    public void Overlapping_prefixes_with_different_next_hops_are_accepted()
    {
        // Accepted: the process gets past the routes to the engine, which runs for the duration over two ring links.
        string path = Routes("10.0.0.0/8 via 02:00:00:00:00:01 port 0\n10.1.0.0/16 via 02:00:00:00:00:02 port 1\n10.1.2.0/24 via 02:00:00:00:00:03 port 0\n");
        (int exitCode, string stdout, string stderr) = RouterProcess.Run("--routes", path, "--port", "ring:l3r-ov", "--port", "ring:l3r-ov",
            "--no-pin", "--hugepages", "Never", "--pool-size", "2048", "--duration", "0.5");
        Assert.True(exitCode == 0, $"exit {exitCode}; stdout: {stdout}; stderr: {stderr}");
        Assert.Contains("forwarded total 0", stdout);
        Assert.Matches(@"pool mempool '\S+': all 2048 buffers returned", stdout);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
