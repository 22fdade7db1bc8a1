using System.Diagnostics;
using FastPath.Hosting.Diagnostics;
using FastPath.Lcores;

namespace FastPath.Hosting.Statistics;

/// <summary>
/// Prints a statistics table, followed by a <see cref="ProcessSnapshot"/> line, every interval while an application runs, and returns the final totals. It runs on
/// the calling (main) thread, which otherwise only waits, and reads counters without touching the packet path.
/// </summary>
public sealed class StatsReporter
{
    private readonly Func<IReadOnlyList<StatsRow>> _read;
    private readonly TextWriter _output;
    private readonly TimeSpan _interval;
    private readonly Func<IReadOnlyList<LcoreStatistics>>? _readLcores;

    /// <summary>Creates a reporter.</summary>
    /// <param name="read">Reads the current cumulative rows (same rows, same order on every call).</param>
    /// <param name="output">Where tables go; null prints nothing per interval.</param>
    /// <param name="interval">How often to print.</param>
    /// <param name="readLcores">Reads the lcores, whose idle-mode line (<see cref="IdleStatsLine"/>) follows each table; null for none.</param>
    public StatsReporter(Func<IReadOnlyList<StatsRow>> read, TextWriter? output, TimeSpan interval, Func<IReadOnlyList<LcoreStatistics>>? readLcores = null)
    {
        _readLcores = readLcores;
        ArgumentNullException.ThrowIfNull(read);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _read = read;
        _output = output ?? TextWriter.Null;
        _interval = interval;
    }

    /// <summary>
    /// Prints a table every interval until <paramref name="stopping"/> is cancelled, <paramref name="duration"/> has
    /// passed (when not zero) or <paramref name="isDone"/> says so.
    /// </summary>
    /// <returns>How long it ran.</returns>
    public TimeSpan Run(CancellationToken stopping, TimeSpan duration, Func<bool>? isDone = null)
    {
        long start = Stopwatch.GetTimestamp();
        long last = start;
        IReadOnlyList<StatsRow> previous = _read();
        IReadOnlyList<LcoreStatistics>? previousLcores = _readLcores?.Invoke();
        TimeSpan tick = TimeSpan.FromMilliseconds(Math.Min(50, _interval.TotalMilliseconds));
        while (!stopping.IsCancellationRequested)
        {
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            if ((duration > TimeSpan.Zero && elapsed >= duration) || (isDone?.Invoke() ?? false))
            {
                break;
            }

            if (Stopwatch.GetElapsedTime(last) >= _interval)
            {
                long now = Stopwatch.GetTimestamp();
                IReadOnlyList<StatsRow> current = _read();
                _output.Write(StatsTable.FormatInterval(current, previous, Stopwatch.GetElapsedTime(last, now).TotalSeconds));
                if (_readLcores is not null)
                {
                    IReadOnlyList<LcoreStatistics> lcores = _readLcores();
                    IdleStatsLine.Write(_output, lcores, previousLcores);
                    previousLcores = lcores;
                }

                _output.WriteLine(ProcessSnapshot.Take().ToString());
                _output.WriteLine();
                previous = current;
                last = now;
            }

            stopping.WaitHandle.WaitOne(tick);
        }

        return Stopwatch.GetElapsedTime(start);
    }
}
