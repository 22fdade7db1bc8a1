using System.Net;

namespace FastPath.Hosting.Output;

/// <summary>The checked values of <see cref="ReportOptions"/>: how a run reports beyond its text tables.</summary>
public sealed record ReportSettings
{
    /// <summary>What standard output carries.</summary>
    public OutputFormat Output { get; init; } = OutputFormat.Text;

    /// <summary>Whether Crank's job-statistics blocks are printed (each interval and at exit).</summary>
    public bool Crank { get; init; }

    /// <summary>The TCP port of the Prometheus scrape endpoint; 0 for none.</summary>
    public int MetricsPort { get; init; }

    /// <summary>The address the scrape endpoint listens on; loopback unless one is given.</summary>
    public IPAddress MetricsAddress { get; init; } = IPAddress.Loopback;
}
