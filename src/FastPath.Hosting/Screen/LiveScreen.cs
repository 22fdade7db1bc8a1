using System.Diagnostics;
using System.Text;
using FastPath.Hosting.Statistics;
using FastPath.Lcores;
using FastPath.Mempool.Pools;
using FastPath.Ports;

namespace FastPath.Hosting.Screen;

/// <summary>
/// The statistics as one screen redrawn in place, used instead of <see cref="StatsReporter"/> when standard output is a
/// terminal: per row the interval's RX/TX Mpps and Gbit/s with cumulative packets and drops; per port its link, speed
/// and error counters; per lcore the per cent of poll rounds that found work (busy) or none (idle) and, in interrupt
/// idle mode, of time asleep; then the application's own section. <c>q</c> ends the run as Ctrl+C does.
/// </summary>
/// <remarks>
/// A redraw moves the cursor back up over the previous screen (ANSI CSI <c>F</c>), erases to the end of the display
/// (CSI <c>J</c>) and writes the new screen in one <see cref="TextWriter.Write(StringBuilder)"/>: whatever was
/// printed before stays above it and the summary prints below the last one. The screen is built in one
/// <see cref="StringBuilder"/> the screen owns and cleared on every redraw (its capacity is kept), the numbers format
/// into stack buffers, the rows and the lcores are read into two buffers each made once, and the ports' counters
/// come from <see cref="IPort.ReadStatistics"/>: a redraw allocates nothing but what the application's section
/// does. None of it is on the packet path, and a non-terminal run never makes a screen.
/// </remarks>
public sealed class LiveScreen
{
    private const string Escape = "\u001b[";
    private const int NameWidth = 26;

    private readonly ScreenContent _content;
    private readonly StatsSource _source;
    private readonly Func<Span<LcoreStatistics>, int> _readLcores;
    private readonly TextWriter _output;
    private readonly TimeSpan _interval;
    private readonly Func<bool> _quitPressed;
    private readonly StringBuilder _text = new(4096);
    private StatsRow[] _previous;
    private StatsRow[] _current;
    private LcoreStatistics[] _lcores = new LcoreStatistics[Lcore.MaxCount];
    private LcoreStatistics[] _previousLcores = new LcoreStatistics[Lcore.MaxCount];
    private int _previousLcoreCount;
    private long _last;
    private long _start;
    private int _linesDrawn;

    /// <summary>Creates a screen; the first interval counts from now.</summary>
    /// <param name="content">The title, the ports and the application's section.</param>
    /// <param name="source">The statistics rows.</param>
    /// <param name="readLcores">Reads the lcores into a span of the screen's and returns how many it wrote (<see cref="LcoreRunner.Snapshot(Span{LcoreStatistics})"/>).</param>
    /// <param name="output">The terminal.</param>
    /// <param name="interval">How often to redraw.</param>
    /// <param name="quitPressed">Whether the user asked to quit; by default, whether <c>q</c> was typed on the console.</param>
    public LiveScreen(ScreenContent content, StatsSource source, Func<Span<LcoreStatistics>, int> readLcores, TextWriter output, TimeSpan interval, Func<bool>? quitPressed = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(readLcores);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _content = content;
        _source = source;
        _readLcores = readLcores;
        _output = output;
        _interval = interval;
        _quitPressed = quitPressed ?? ConsoleKeys.QuitPressed;
        _previous = new StatsRow[source.RowCount];
        _current = new StatsRow[source.RowCount];
        _source.ReadInto(_previous);
        _previousLcoreCount = readLcores(_previousLcores);
        _start = _last = Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Whether a run writing to <paramref name="output"/> should show the live screen: it is the console's own
    /// output and that is a terminal (not a pipe or a file).
    /// </summary>
    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>
    /// Redraws every interval until <paramref name="stopping"/> is cancelled, <paramref name="duration"/> has passed
    /// (when not zero), <paramref name="isDone"/> says so or <c>q</c> is pressed; then draws the screen a last time.
    /// </summary>
    /// <returns>How long it ran.</returns>
    public TimeSpan Run(CancellationToken stopping, TimeSpan duration, Func<bool>? isDone = null)
    {
        _start = Stopwatch.GetTimestamp();
        TimeSpan tick = TimeSpan.FromMilliseconds(Math.Min(50, _interval.TotalMilliseconds));
        _output.Write(Escape + "?25l"); // hide the cursor while redrawing
        try
        {
            Redraw();
            while (!stopping.IsCancellationRequested)
            {
                TimeSpan elapsed = Stopwatch.GetElapsedTime(_start);
                if ((duration > TimeSpan.Zero && elapsed >= duration) || (isDone?.Invoke() ?? false) || _quitPressed())
                {
                    break;
                }

                if (Stopwatch.GetElapsedTime(_last) >= _interval)
                {
                    Redraw();
                }

                stopping.WaitHandle.WaitOne(tick);
            }

            Redraw();
            return Stopwatch.GetElapsedTime(_start);
        }
        finally
        {
            _output.Write(Escape + "?25h");
        }
    }

    /// <summary>Draws the screen for the time since the previous redraw over the previous screen.</summary>
    public void Redraw()
    {
        long now = Stopwatch.GetTimestamp();
        double seconds = Stopwatch.GetElapsedTime(_last, now).TotalSeconds;
        _source.ReadInto(_current);
        int lcoreCount = _readLcores(_lcores);

        StringBuilder text = _text.Clear();
        if (_linesDrawn > 0)
        {
            text.Append(Escape).Number((ulong)_linesDrawn).Append('F');
        }

        text.Append(Escape).Append('J');
        int bodyStart = text.Length;
        AppendTitle(text, Stopwatch.GetElapsedTime(_start, now).TotalSeconds);
        AppendRows(text, seconds);
        AppendPorts(text);
        AppendLcores(text, _lcores.AsSpan(0, lcoreCount));
        _content.Section?.Invoke(text);

        _linesDrawn = CountLines(text, bodyStart);
        _output.Write(text);
        _output.Flush();
        (_previous, _current) = (_current, _previous);
        (_previousLcores, _lcores, _previousLcoreCount) = (_lcores, _previousLcores, lcoreCount);
        _last = now;
    }

    private void AppendTitle(StringBuilder text, double elapsed)
    {
        text.Append(_content.Title).Append(" —").Cell(elapsed, 0, "0.0").Append(" s — q or Ctrl+C quits").AppendLine().AppendLine();
    }

    private void AppendRows(StringBuilder text, double seconds)
    {
        text.Label("port", NameWidth).Append("  rx Mpps  tx Mpps rx Gbit/s tx Gbit/s        rx pkts        tx pkts    dropped").AppendLine();
        for (int i = 0; i < _current.Length; i++)
        {
            StatsRow now = _current[i], before = _previous[i];
            ulong rx = now.RxPackets - before.RxPackets, tx = now.TxPackets - before.TxPackets;
            text.Label(now.Name, NameWidth)
                .Cell(Throughput.Mpps(rx, seconds), 8, "0.000")
                .Cell(Throughput.Mpps(tx, seconds), 8, "0.000")
                .Cell(Throughput.WireGbps(rx, now.RxBytes - before.RxBytes, seconds), 9, "0.000")
                .Cell(Throughput.WireGbps(tx, now.TxBytes - before.TxBytes, seconds), 9, "0.000")
                .Cell(now.RxPackets, 14)
                .Cell(now.TxPackets, 14)
                .Cell(now.Dropped, 10)
                .AppendLine();
        }

        text.AppendLine();
    }

    private void AppendPorts(StringBuilder text)
    {
        text.Label("link", NameWidth).Append("  state  Mbit/s  rx missed  rx no buf  rx errors  tx errors").AppendLine();
        for (int id = 0; id < _content.Ports.Count; id++)
        {
            IPort port = _content.Ports[id];
            LinkStatus link = port.Link;
            PortCounters s = port.ReadStatistics([]);
            text.Number((ulong)id).Append(' ').Label(port.Name, NameWidth - 2)
                .Append(link.IsUp ? "     up" : "   down")
                .Cell((ulong)Math.Max(0, link.SpeedMbps), 7)
                .Cell(s.RxMissed, 10)
                .Cell(s.RxNoBuffer, 10)
                .Cell(s.RxErrors, 10)
                .Cell(s.TxErrors, 10)
                .AppendLine();
        }

        text.AppendLine();
    }

    private void AppendLcores(StringBuilder text, ReadOnlySpan<LcoreStatistics> lcores)
    {
        text.Label("lcore", NameWidth).Append("  busy %  idle %  asleep %        packets").AppendLine();
        for (int i = 0; i < lcores.Length; i++)
        {
            LcoreStatistics now = lcores[i];
            LcoreStatistics before = i < _previousLcoreCount ? _previousLcores[i] : default;
            ulong polls = now.Polls - before.Polls, busy = now.BusyPolls - before.BusyPolls;
            double busyPercent = polls == 0 ? 0 : 100.0 * busy / polls;
            text.Number((ulong)now.Core).Append(' ').Label(now.Name, NameWidth - 2)
                .Cell(busyPercent, 7, "0.0")
                .Cell(polls == 0 ? 0 : 100 - busyPercent, 7, "0.0");
            if (now.IdlePolicy.Mode == IdleMode.Interrupt)
            {
                text.Cell(now.Idle.Since(before.Idle).AsleepPercent, 9, "0.0");
            }
            else
            {
                text.Append("         -");
            }

            text.Cell(now.Packets, 14).AppendLine();
        }
    }

    private static int CountLines(StringBuilder text, int from)
    {
        int lines = 0;
        int position = 0;
        foreach (ReadOnlyMemory<char> chunk in text.GetChunks())
        {
            ReadOnlySpan<char> span = chunk.Span;
            int skip = Math.Clamp(from - position, 0, span.Length);
            lines += span[skip..].Count('\n');
            position += span.Length;
        }

        return lines;
    }
}
