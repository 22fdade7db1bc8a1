using System.CommandLine;
using System.Globalization;
using System.Net;

namespace FastPath.Hosting.Output;

/// <summary>The options both applications take for machine-readable output: <c>--output</c>, <c>--crank</c> and the metrics endpoint.</summary>
public sealed class ReportOptions
{
    /// <summary>The output format.</summary>
    public Option<string> Output { get; } = new("--output")
    {
        Description = "What stdout carries: text (tables, the default) or json (one JSON object per statistics interval and a summary object at exit, schema version 1 in the README; the text and logs go to stderr).",
        DefaultValueFactory = _ => "text",
    };

    /// <summary>Whether to print Crank's job statistics.</summary>
    public Option<bool> Crank { get; } = new("--crank")
    {
        Description = "Also print Crank's job statistics on stdout: a #StartJobStatistics … #EndJobStatistics block with each interval's rates and one at exit with totals, drops and (pktgen --rx, the demo) latency percentiles.",
    };

    /// <summary>The metrics port.</summary>
    public Option<int> MetricsPort { get; } = new("--metrics-port")
    {
        Description = "Serve the FastPath meter and the .NET runtime metrics for Prometheus on http://ADDRESS:PORT/metrics; 0 (the default) serves nothing.",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>The metrics address.</summary>
    public Option<string> MetricsAddress { get; } = new("--metrics-address")
    {
        Description = "The IP address the metrics endpoint listens on (127.0.0.1 by default; 0.0.0.0 or :: for every interface).",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option option in new Option[] { Output, Crank, MetricsPort, MetricsAddress })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads and checks the options.</summary>
    /// <exception cref="UsageException">A value is not valid.</exception>
    public ReportSettings Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string outputText = result.GetValue(Output) ?? "text";
        OutputFormat output = outputText switch
        {
            "text" => OutputFormat.Text,
            "json" => OutputFormat.Json,
            _ => throw new UsageException($"--output {outputText} is not an output format; give text or json."),
        };
        bool crank = result.GetValue(Crank);
        if (crank && output == OutputFormat.Json)
        {
            throw new UsageException("--crank and --output json both claim stdout (Crank's blocks are not JSON Lines); give one of them.");
        }

        int port = result.GetValue(MetricsPort);
        if (port is < 0 or > 65535)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--metrics-port {port} is not a TCP port; give 1 to 65535, or 0 for no metrics endpoint."));
        }

        string addressText = result.GetValue(MetricsAddress) ?? "127.0.0.1";
        if (!IPAddress.TryParse(addressText, out IPAddress? address))
        {
            throw new UsageException($"--metrics-address '{addressText}' is not an IP address; give one such as 127.0.0.1, ::1 or 0.0.0.0.");
        }

        return new ReportSettings { Output = output, Crank = crank, MetricsPort = port, MetricsAddress = address };
    }
}
