using System.Diagnostics;
using FastPath.Hosting.Diagnostics;
using FastPath.Hosting.Output;
using FastPath.Lcores;

namespace FastPath.Hosting.Statistics;

/// <summary>
/// Prints a statistics table, followed by a <see cref="ProcessSnapshot"/> line, every interval while an application
/// runs. It runs on the calling (main) thread, which otherwise only waits, and reads counters without touching the
/// packet path. An interval allocates nothing: the rows are read into two buffers made once, and the table and the
/// process line are formatted without managed strings, so the reporter never causes a collection in a steady run.
/// In interrupt idle mode each table is followed by the lcores' idle line, read with
/// <see cref="LcoreRunner.Snapshot(Span{LcoreStatistics})"/> into two more buffers made once.
/// </summary>
public sealed class StatsReporter
{
    private readonly StatsSource _source;
    private readonly TextWriter _output;
    private readonly TimeSpan _interval;
    private StatsRow[] _previous;
    private StatsRow[] _current;
    private long _last;
    private readonly LcoreRunner? _lcores;
    private LcoreStatistics[] _lcoresNow = [];
    private LcoreStatistics[] _lcoresBefore = [];
    private readonly RunReport? _report;
    private readonly long _started;

    /// <summary>Creates a reporter; the first interval counts from now.</summary>
    /// <param name="source">The rows.</param>
    /// <param name="output">Where tables go; null prints nothing per interval.</param>
    /// <param name="interval">How often to print.</param>
    /// <param name="lcores">The lcores whose idle-mode line (<see cref="IdleStatsLine"/>) follows each table, read into two buffers the reporter keeps; null for none.</param>
    /// <param name="report">Also gets each interval (JSON Lines, Crank blocks); null for the text alone.</param>
    public StatsReporter(StatsSource source, TextWriter? output, TimeSpan interval, LcoreRunner? lcores = null, RunReport? report = null)
    {
        _report = report;
        ArgumentNullException.ThrowIfNull(source);
        _lcores = lcores;
        if (lcores is not null)
        {
            (_lcoresNow, _lcoresBefore) = (new LcoreStatistics[lcores.Count], new LcoreStatistics[lcores.Count]);
            lcores.Snapshot(_lcoresBefore);
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _source = source;
        _output = output ?? TextWriter.Null;
        _interval = interval;
        _previous = new StatsRow[source.RowCount];
        _current = new StatsRow[source.RowCount];
        _source.ReadInto(_previous);
        _last = Stopwatch.GetTimestamp();
        _started = _last;
    }

    /// <summary>
    /// Prints a table every interval until <paramref name="stopping"/> is cancelled, <paramref name="duration"/> has
    /// passed (when not zero) or <paramref name="isDone"/> says so.
    /// </summary>
    /// <returns>How long it ran.</returns>
    public TimeSpan Run(CancellationToken stopping, TimeSpan duration, Func<bool>? isDone = null)
    {
        long start = Stopwatch.GetTimestamp();
        TimeSpan tick = TimeSpan.FromMilliseconds(Math.Min(50, _interval.TotalMilliseconds));
        while (!stopping.IsCancellationRequested)
        {
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            if ((duration > TimeSpan.Zero && elapsed >= duration) || (isDone?.Invoke() ?? false))
            {
                break;
            }

            if (Stopwatch.GetElapsedTime(_last) >= _interval)
            {
                PrintInterval();
            }

            stopping.WaitHandle.WaitOne(tick);
        }

        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>
    /// Prints the table for the time since the previous one (or since the reporter was made), the process line and a
    /// blank line.
    /// </summary>
    public void PrintInterval()
    {
        long now = Stopwatch.GetTimestamp();
        _source.ReadInto(_current);
        StatsTable.WriteInterval(_output, _current, _previous, Stopwatch.GetElapsedTime(_last, now).TotalSeconds);
        if (_lcores is not null)
        {
            int count = _lcores.Snapshot(_lcoresNow);
            IdleStatsLine.Write(_output, _lcoresNow.AsSpan(0, count), _lcoresBefore.AsSpan(0, count));
            (_lcoresBefore, _lcoresNow) = (_lcoresNow, _lcoresBefore);
        }

        ProcessSnapshot process = ProcessSnapshot.Take();
        process.WriteTo(_output);
        _output.WriteLine();
        _report?.WriteInterval(_current, _previous, Stopwatch.GetElapsedTime(_last, now).TotalSeconds, Stopwatch.GetElapsedTime(_started, now).TotalSeconds, process);
        (_previous, _current) = (_current, _previous);
        _last = now;
    }
}
