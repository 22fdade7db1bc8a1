using System.Net;
using System.Net.Sockets;
using FastPath.Hosting.Cli;
using FastPath.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace FastPath.Hosting.Metrics;

/// <summary>
/// A Prometheus scrape endpoint, <c>http://ADDRESS:PORT/metrics</c>, serving the FastPath meter
/// (<see cref="FastPathMeter.MeterName"/>) and the .NET runtime's own meter (<c>System.Runtime</c>: collections, heap,
/// thread pool, exceptions) through OpenTelemetry's Prometheus exporter on an <see cref="HttpListener"/>. The meter's
/// counters are observable, so they are read only when Prometheus scrapes, on the listener's thread; a meter created
/// after the endpoint (the applications make theirs once the ports are open) is picked up by its name.
/// </summary>
public sealed class MetricsEndpoint : IDisposable
{
    /// <summary>The runtime's built-in meter (.NET 9 and later).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    private readonly MeterProvider _provider;

    private MetricsEndpoint(MeterProvider provider, Uri url)
    {
        _provider = provider;
        Url = url;
    }

    /// <summary>Where Prometheus scrapes.</summary>
    public Uri Url { get; }

    /// <summary>Starts listening on <paramref name="address"/>:<paramref name="port"/>.</summary>
    /// <exception cref="UsageException">The port is in use, or the address is not this machine's.</exception>
    public static MetricsEndpoint Start(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);

        // HttpListener takes "*" for every interface; an IPv6 literal goes in brackets.
        string host = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "*"
            : address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        var endpoint = new IPEndPoint(address, port);
        try
        {
            MeterProvider provider = Sdk.CreateMeterProviderBuilder()
                .AddMeter(FastPathMeter.MeterName, RuntimeMeterName)
                .AddPrometheusHttpListener(options =>
                {
                    options.Host = host;
                    options.Port = port;
                })
                .Build();
            return new MetricsEndpoint(provider, new Uri($"http://{(host == "*" ? endpoint.ToString() : host + ":" + port)}/metrics"));
        }
        catch (InvalidOperationException exception) when (exception.InnerException is HttpListenerException or SocketException)
        {
            throw new UsageException(
                $"--metrics-port {port}: cannot listen on {endpoint} ({exception.InnerException.Message}); pick a free port (ss -ltn lists those in use) or a local --metrics-address.",
                exception);
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _provider.Dispose();
}
