using System.Text;
using System.Text.RegularExpressions;
using FastPath.Hosting.Statistics;

namespace FastPath.Hosting.Tests.Statistics;

public sealed partial class StatsReporterTests
{
    private static readonly string[] s_names = ["0 ring:a", "1 ring:b", "0 pcap:/a/very/long/path/capture.pcap (handed)"];

    [Fact]
    public void AnIntervalAllocatesNothingAfterWarmUp()
    {
        ulong n = 0;
        var source = new StatsSource(4, rows =>
        {
            n += 1_000_003;
            for (int i = 0; i < 3; i++)
            {
                rows[i] = new StatsRow(s_names[i], n, n * 64, n + 5, n * 60, (ulong)i);
            }

            rows[3] = StatsRow.Sum("total", rows[..3]);
        });

        // A StreamWriter, as Console.Out is: the table and the process line are encoded and written to a stream.
        using var output = new StreamWriter(Stream.Null, Encoding.UTF8, bufferSize: 1024);
        var reporter = new StatsReporter(source, output, TimeSpan.FromSeconds(1));
        for (int i = 0; i < 5; i++)
        {
            reporter.PrintInterval();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            reporter.PrintInterval();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void AnIntervalPrintsTheTableTheProcessLineAndABlankLine()
    {
        ulong n = 0;
        var source = new StatsSource(1, rows => rows[0] = new StatsRow("0 ring:a", n += 2_000_000, n * 64, 0, 0, 0));
        using var output = new StringWriter();
        var reporter = new StatsReporter(source, output, TimeSpan.FromSeconds(1));
        reporter.PrintInterval();
        string[] lines = output.ToString().Split(Environment.NewLine);
        Assert.StartsWith("port ", lines[0]);
        Assert.StartsWith("0 ring:a ", lines[1]);
        Assert.Contains(" 4000000 ", lines[1]);
        Assert.Matches(ProcessLine(), lines[2]);
        Assert.Equal("", lines[3]);
    }

    [Fact]
    public void SourceRefusesABufferOfTheWrongSize()
    {
        var source = new StatsSource(2, _ => { });
        Assert.Throws<ArgumentException>(() => source.ReadInto(new StatsRow[3]));
    }

    // The format bench/soak/run.sh parses.
    [GeneratedRegex(@"^process: open fds \d+; gc collections gen0 \d+, gen1 \d+, gen2 \d+; gc heap \d+ bytes$")]
    private static partial Regex ProcessLine();
}
