using System.Text;
using FastPath.Hosting.Screen;
using FastPath.Hosting.Statistics;
using FastPath.Lcores;

namespace FastPath.Hosting.Tests.Screen;

public sealed class LiveScreenTests
{
    private static readonly string[] s_names = ["0 ring:a", "1 ring:b"];

    [Fact]
    public void A_redraw_moves_back_up_over_exactly_the_lines_of_the_previous_screen()
    {
        using var output = new StringWriter();
        LiveScreen screen = Create(output, out _);
        screen.Redraw();
        string first = output.ToString();
        output.GetStringBuilder().Clear();
        screen.Redraw();
        string second = output.ToString();

        // The first screen erases below the cursor and draws; the next one first goes up over every line drawn.
        Assert.StartsWith("\u001b[J", first);
        int lines = first.Count(c => c == '\n');
        Assert.StartsWith($"\u001b[{lines}F\u001b[J", second);
        Assert.Equal(lines, second.Count(c => c == '\n'));
        Assert.Contains("1 ring:b", second);
        Assert.Contains("section line", second);
    }

    [Fact]
    public void The_rates_are_the_intervals_and_the_lcore_busy_share_is_of_the_intervals_polls()
    {
        using var output = new StringWriter();
        LiveScreen screen = Create(output, out Action advance);
        advance();
        screen.Redraw();
        string text = output.ToString();

        // Between the screen's creation and the redraw the lcore polled 1000 rounds, 250 of them busy.
        Assert.Matches(@"(?m)^3 lcore 3\s+25\.0\s+75\.0\s+-\s+\d+", text);
        Assert.Matches(@"(?m)^0 ring:a\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+1000003\s+1000013\s+0", text);
    }

    [Fact]
    public void A_redraw_allocates_nothing_after_warm_up_when_its_sources_do_not()
    {
        // A StreamWriter, as Console.Out is: the screen is encoded and written to a stream.
        using var output = new StreamWriter(Stream.Null, Encoding.UTF8, bufferSize: 1024);
        LiveScreen screen = Create(output, out Action advance);
        for (int i = 0; i < 5; i++)
        {
            advance();
            screen.Redraw();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            advance();
            screen.Redraw();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static LiveScreen Create(TextWriter output, out Action advance)
    {
        ulong n = 0;
        var source = new StatsSource(3, rows =>
        {
            for (int i = 0; i < 2; i++)
            {
                rows[i] = new StatsRow(s_names[i], n, n * 64, n + 10, n * 60, 0);
            }

            rows[2] = StatsRow.Sum("total", rows[..2]);
        });
        LcoreStatistics lcore = new(3, "lcore 3", 0, 0, 0, true);
        advance = () =>
        {
            n += 1_000_003;
            lcore = lcore with { Polls = lcore.Polls + 1000, BusyPolls = lcore.BusyPolls + 250, Packets = n };
        };
        Func<Span<LcoreStatistics>, int> readLcores = destination =>
        {
            destination[0] = lcore;
            return 1;
        };
        var content = new ScreenContent { Title = "test", Ports = [], Section = text => text.Append("section line").AppendLine() };
        return new LiveScreen(content, source, readLcores, output, TimeSpan.FromSeconds(1), quitPressed: () => false);
    }
}
