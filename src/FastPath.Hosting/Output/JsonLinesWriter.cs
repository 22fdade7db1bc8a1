using FastPath.Hosting.Diagnostics;
using FastPath.Hosting.Statistics;

namespace FastPath.Hosting.Output;

/// <summary>
/// <c>--output json</c>: an <see cref="IntervalRecord"/> line per statistics interval and a <see cref="SummaryRecord"/>
/// line at exit. The interval record and its rows are made once and refilled, so an interval allocates nothing.
/// </summary>
internal sealed class JsonLinesWriter : IDisposable
{
    private readonly JsonLineOutput _output;
    private readonly IntervalRecord _interval;

    public JsonLinesWriter(Stream stream, string app)
    {
        _output = new JsonLineOutput(stream);
        _interval = new IntervalRecord { App = app };
    }

    public void WriteInterval(ReadOnlySpan<StatsRow> current, ReadOnlySpan<StatsRow> previous, double seconds, double elapsedSeconds, ProcessSnapshot process)
    {
        if (_interval.Rows.Length != current.Length)
        {
            _interval.Rows = new RowRecord[current.Length];
        }

        for (int i = 0; i < current.Length; i++)
        {
            StatsRow now = current[i];
            _interval.Rows[i] = RowRecord.From(now, i < previous.Length ? previous[i] : new StatsRow(now.Name, 0, 0, 0, 0, 0), seconds);
        }

        _interval.Time = DateTime.UtcNow;
        _interval.ElapsedSeconds = elapsedSeconds;
        _interval.IntervalSeconds = seconds;
        _interval.Process = ProcessRecord.From(process);
        _output.Write([], _interval, OutputJsonContext.Default.IntervalRecord, "\n"u8);
    }

    public void WriteSummary(SummaryRecord summary) => _output.Write([], summary, OutputJsonContext.Default.SummaryRecord, "\n"u8);

    public void Dispose() => _output.Dispose();
}
