using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace FastPath.Apps.Tests;

/// <summary>
/// <c>--metrics-port</c> scraped by a real Prometheus server: the packet counter it stores matches what the app
/// printed (its JSON intervals, each with the time it was read) within one scrape interval, and the runtime's metrics
/// are there too. A port in use stops the app before it has made anything, with one line.
/// </summary>
public sealed class MetricsEndpointTests
{
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    [PrometheusFact]
    public async Task PrometheusStoresThePacketCountsPktgenPrints()
    {
        int appPort = PrometheusServer.FreePort();
        using PrometheusServer prometheus = PrometheusServer.Start("pktgen", $"127.0.0.1:{appPort}");
        await prometheus.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        (int exitCode, string stdout, string stderr) = AppProcess.Run("pktgen", "--port", "null", "--rate", "20kpps", "--duration", "8", "--output", "json",
            "--metrics-port", appPort.ToString(CultureInfo.InvariantCulture), "--no-pin");
        Assert.True(exitCode == 0, $"exit {exitCode}: {stdout} {stderr}");
        Assert.Contains($"Serving metrics for Prometheus on http://127.0.0.1:{appPort}/metrics", stderr);

        // What pktgen printed: its port row's transmit counter at each interval and at exit, with the time it was read.
        (DateTime Time, ulong Tx)[] printed = [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(o => (o.GetProperty("time").GetDateTime(), o.GetProperty("rows")[1].GetProperty("tx_packets").GetUInt64()))];
        Assert.True(printed.Length >= 5, stdout);

        JsonElement series = await prometheus.QueryAsync("fastpath_port_tx_packets_total{job=\"pktgen\",port=\"0\",name=\"null\"}[5m]");
        Assert.True(series.GetArrayLength() == 1, $"{series}; prometheus: {prometheus.Log}");
        (DateTime At, ulong Value)[] samples = [.. series[0].GetProperty("values").EnumerateArray()
            .Select(v => (DateTime.UnixEpoch.AddSeconds(v[0].GetDouble()), ulong.Parse(v[1].GetString()!, CultureInfo.InvariantCulture)))];
        Assert.True(samples.Length >= 3 && samples[^1].Value > 0, $"samples {string.Join(", ", samples)}; prometheus: {prometheus.Log}");

        // Each stored value lies between what pktgen printed just before the scrape and one scrape interval after it
        // (50 ms either side for the time between reading a counter and stamping it).
        TimeSpan slack = TimeSpan.FromMilliseconds(50);
        foreach ((DateTime at, ulong value) in samples)
        {
            ulong lower = printed.Where(p => p.Time <= at - slack).Select(p => p.Tx).DefaultIfEmpty(0UL).Max();
            ulong upper = printed.Where(p => p.Time >= at + ScrapeInterval + slack).Select(p => p.Tx).DefaultIfEmpty(printed[^1].Tx).Min();
            Assert.True(value >= lower && value <= upper, $"scraped {value} at {at:O}, but pktgen printed {lower} before and {upper} a scrape interval later: {stdout}");
        }

        // The last scrape came within a scrape interval (and a loaded machine's second) of the last interval printed.
        Assert.True(samples[^1].At >= printed[^2].Time - ScrapeInterval - TimeSpan.FromSeconds(1), $"last scrape {samples[^1].At:O}, last interval {printed[^2].Time:O}");

        // The runtime's own meter is served beside FastPath's.
        JsonElement runtime = await prometheus.QueryAsync("dotnet_gc_heap_total_allocated_bytes_total{job=\"pktgen\"}[5m]");
        Assert.True(runtime.GetArrayLength() == 1, runtime.ToString());
    }

    [Theory]
    [InlineData("pktgen", new[] { "--port", "null", "--count", "1000" })]
    [InlineData("l2fwd", new[] { "--port", "null", "--port", "null", "--duration", "1" })]
    public void APortInUseExitsTwoWithOneLineBeforeAnythingIsMade(string app, string[] args)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        string port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        // A pool that cannot be made: had the endpoint started after it, the error would be the pool's.
        (int exitCode, string stdout, string stderr) = AppProcess.Run(app, [.. args, "--metrics-port", port, "--hugepages", "Require", "--pool-size", "268435456"]);
        Assert.True(exitCode == 2, $"exit {exitCode}: {stdout} {stderr}");
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, stderr);
        Assert.StartsWith($"{app}: --metrics-port {port}: cannot listen on 127.0.0.1:{port} (Address already in use); pick a free port", lines[0], StringComparison.Ordinal);
        Assert.Equal("", stdout);

        // The port's owner still has it.
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, int.Parse(port, CultureInfo.InvariantCulture));
        using TcpClient accepted = taken.AcceptTcpClient();
        Assert.True(accepted.Connected);
    }
}
