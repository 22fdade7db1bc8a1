using FastPath;
using FastPath.Hosting.Diagnostics;
using FastPath.Hosting.Metrics;
using FastPath.Hosting.Statistics;
using FastPath.Ports;
using FastPath.Traffic.Receiver;
using Microsoft.Extensions.Logging;

namespace FastPath.Hosting.Output;

/// <summary>
/// What one application run reports beyond its text (<see cref="ReportSettings"/>): the Prometheus endpoint, JSON
/// Lines on standard output, Crank's job statistics. Start it before the pool and ports exist (a port in use then
/// costs one line and nothing else), hand it to <see cref="Cli.WorkerHost.Run"/> for the intervals, give it the
/// run's figures as the application prints them, and <see cref="Complete"/> it at the end for the summary.
/// With <see cref="OutputFormat.Json"/> standard output carries the JSON objects only: <see cref="Console.Out"/> is
/// pointed at standard error until the report is disposed, so the text the application prints goes there.
/// </summary>
public sealed class RunReport : IDisposable
{
    private readonly string _app;
    private readonly TextWriter? _savedOut;
    private readonly JsonLinesWriter? _json;
    private readonly CrankWriter? _crank;
    private MetricsEndpoint? _metrics;
    private StatsRow[] _totals = [];
    private TimeSpan _elapsed;
    private GeneratorRecord? _generator;
    private ReceiverRecord? _receiver;
    private PortRecord[]? _ports;
    private bool? _buffersReturned;

    private RunReport(string app, ReportSettings settings, MetricsEndpoint? metrics, Stream? output)
    {
        _app = app;
        _metrics = metrics;
        if (settings.Output == OutputFormat.Json)
        {
            _json = new JsonLinesWriter(output ?? Console.OpenStandardOutput(), app);
            if (output is null)
            {
                _savedOut = Console.Out;
                Console.SetOut(Console.Error);
            }
        }
        else if (settings.Crank)
        {
            _crank = new CrankWriter(output ?? Console.OpenStandardOutput(), app);
        }
    }

    /// <summary>Whether the per-interval text tables are left out (JSON output replaces them).</summary>
    public bool ReplacesText => _json is not null;

    /// <summary>Whether the report writes to standard output itself (JSON Lines or Crank blocks), so no live screen may draw there.</summary>
    public bool WritesToStandardOutput => _json is not null || _crank is not null;

    /// <summary>Starts the report: opens the metrics endpoint, if any, and takes over standard output for JSON.</summary>
    /// <exception cref="UsageException">The metrics port is in use.</exception>
    public static RunReport Start(string app, ReportSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        MetricsEndpoint? metrics = settings.MetricsPort > 0 ? MetricsEndpoint.Start(settings.MetricsAddress, settings.MetricsPort) : null;
        if (metrics is not null)
        {
            logger.LogInformation("Serving metrics for Prometheus on {Url}.", metrics.Url);
        }

        return new RunReport(app, settings, metrics, output: null);
    }

    /// <summary>A report that writes its JSON or Crank blocks to <paramref name="output"/> and leaves the console alone (for tests).</summary>
    internal static RunReport ForStream(string app, ReportSettings settings, Stream output) => new(app, settings, metrics: null, output);

    /// <summary>Reports one statistics interval; allocates nothing.</summary>
    /// <param name="current">The rows now.</param>
    /// <param name="previous">The rows at the start of the interval.</param>
    /// <param name="seconds">The interval's length.</param>
    /// <param name="elapsedSeconds">Seconds since the workers started.</param>
    /// <param name="process">The process at the end of the interval.</param>
    public void WriteInterval(ReadOnlySpan<StatsRow> current, ReadOnlySpan<StatsRow> previous, double seconds, double elapsedSeconds, ProcessSnapshot process)
    {
        _json?.WriteInterval(current, previous, seconds, elapsedSeconds, process);
        if (_crank is not null && current.Length > 0)
        {
            StatsRow now = current[^1];
            _crank.WriteInterval(now, previous.Length == current.Length ? previous[^1] : new StatsRow(now.Name, 0, 0, 0, 0, 0), seconds);
        }
    }

    /// <summary>The final table's rows and the time the workers ran.</summary>
    public void SetTotals(StatsRow[] rows, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _totals = rows;
        _elapsed = elapsed;
    }

    /// <summary>A generator's refused bursts (TX ring full) and bursts short of buffers.</summary>
    public void SetGenerator(ulong refusedBursts, ulong allocFailures) => _generator = new GeneratorRecord(refusedBursts, allocFailures);

    /// <summary>A receiver's verdict on the probes.</summary>
    public void SetReceiver(ReceiverSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        LatencyHistogram latency = summary.Latency;
        _receiver = new ReceiverRecord(summary.Packets, summary.Probes, summary.Streams, summary.Foreign, summary.Expected, summary.Unique, summary.Lost, summary.Reordered, summary.Duplicates,
            new LatencyRecord(latency.Count, latency.Min, latency.Mean, latency.Percentile(50), latency.Percentile(99), latency.Percentile(99.9), latency.Max));
    }

    /// <summary>The ports' own counters, read now.</summary>
    public void SetPorts(IReadOnlyList<IPort> ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        _ports = [.. ports.Select((port, id) =>
        {
            PortStatistics s = port.GetStatistics();
            return new PortRecord(id, port.Name, s.RxPackets, s.TxPackets, s.RxMissed, s.RxErrors, s.TxErrors);
        })];
    }

    /// <summary>Whether the mempool audit found every buffer back.</summary>
    public void SetBuffersReturned(bool allReturned) => _buffersReturned = allReturned;

    /// <summary>Stops the metrics endpoint and prints the summary: the JSON summary object or Crank's exit block.</summary>
    public void Complete(int exitCode)
    {
        StopMetrics();
        if (!WritesToStandardOutput)
        {
            return;
        }

        double seconds = _elapsed.TotalSeconds;
        var summary = new SummaryRecord
        {
            App = _app,
            Time = DateTime.UtcNow,
            ElapsedSeconds = seconds,
            ExitCode = exitCode,
            Rows = [.. _totals.Select(row => RowRecord.From(row, new StatsRow(row.Name, 0, 0, 0, 0, 0), seconds))],
            Generator = _generator,
            Receiver = _receiver,
            Ports = _ports,
            BuffersReturned = _buffersReturned,
            Process = ProcessRecord.From(ProcessSnapshot.Take()),
            GcPauseMilliseconds = GC.GetTotalPauseDuration().TotalMilliseconds,
        };
        _json?.WriteSummary(summary);
        _crank?.WriteSummary(summary);
    }

    /// <summary>Stops the endpoint and gives standard output back to <see cref="Console.Out"/>.</summary>
    public void Dispose()
    {
        StopMetrics();
        _json?.Dispose();
        _crank?.Dispose();
        if (_savedOut is not null)
        {
            Console.SetOut(_savedOut);
        }
    }

    private void StopMetrics()
    {
        _metrics?.Dispose();
        _metrics = null;
    }
}
