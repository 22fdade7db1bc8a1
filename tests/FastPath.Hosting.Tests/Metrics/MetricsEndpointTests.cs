using System.Net;
using System.Net.Sockets;
using FastPath.Hosting.Metrics;
using FastPath.Metrics;
using FastPath.Ports.Virtual.Ring;

namespace FastPath.Hosting.Tests.Metrics;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task ServesTheFastPathMeterAndTheRuntimeMetrics()
    {
        int port = FreePort();
        using MetricsEndpoint endpoint = MetricsEndpoint.Start(IPAddress.Loopback, port);
        Assert.Equal(new Uri($"http://127.0.0.1:{port}/metrics"), endpoint.Url);

        // The meter is made after the endpoint, as the applications make theirs once the ports are open.
        (RingPort a, RingPort b) = RingPort.CreatePair(new RingPortOptions { RingSize = 64 }, firstId: 0, secondId: 1);
        using (a)
        using (b)
        using (var meter = new FastPathMeter())
        {
            meter.AddPort(7, a);
            using var client = new HttpClient();
            string text = await client.GetStringAsync(endpoint.Url);
            Assert.Contains("fastpath_port_rx_packets_total{otel_scope_name=\"FastPath\",name=\"", text);
            Assert.Contains("port=\"7\"} 0", text);
            Assert.Contains("dotnet_gc_collections_total{", text);
        }
    }

    [Fact]
    public void APortInUseIsOneLineNamingThePortAndTheFix()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        UsageException exception = Assert.Throws<UsageException>(() => MetricsEndpoint.Start(IPAddress.Loopback, port));
        Assert.StartsWith($"--metrics-port {port}: cannot listen on 127.0.0.1:{port} (", exception.Message, StringComparison.Ordinal);
        Assert.Contains("pick a free port", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
