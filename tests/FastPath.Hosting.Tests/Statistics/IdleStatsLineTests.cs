using FastPath.Hosting.Statistics;
using FastPath.Lcores;

namespace FastPath.Hosting.Tests.Statistics;

public sealed class IdleStatsLineTests
{
    private static readonly IdleStatistics s_before = new(10, 9, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 9, TimeSpan.FromMicroseconds(90), TimeSpan.FromMicroseconds(20));
    private static readonly IdleStatistics s_now = new(14, 13, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(3), 13, TimeSpan.FromMicroseconds(150), TimeSpan.FromMicroseconds(25));

    [Fact]
    public void Lines_show_the_interval_and_skip_polling_lcores()
    {
        LcoreStatistics[] before = [Lcore(1, IdlePolicy.Poll, default), Lcore(2, IdlePolicy.Interrupt(), s_before)];
        LcoreStatistics[] now = [Lcore(1, IdlePolicy.Poll, default), Lcore(2, IdlePolicy.Interrupt(), s_now)];
        using var interval = new StringWriter();
        IdleStatsLine.Write(interval, now, before);
        Assert.Equal("idle lcore 2: 4 sleeps, 4 wake-ups, asleep 90.0%, wake latency mean 15.0 us, max 25.0 us (4 samples)" + Environment.NewLine, interval.ToString());

        using var run = new StringWriter();
        IdleStatsLine.Write(run, now, previous: []);
        Assert.Equal("idle lcore 2: 14 sleeps, 13 wake-ups, asleep 63.3%, wake latency mean 11.5 us, max 25.0 us (13 samples)" + Environment.NewLine, run.ToString());
    }

    [Fact]
    public void Writing_the_lines_allocates_nothing()
    {
        LcoreStatistics[] before = [Lcore(2, IdlePolicy.Interrupt(), s_before)];
        LcoreStatistics[] now = [Lcore(2, IdlePolicy.Interrupt(), s_now)];
        using var sink = new CountingWriter();

        // Tier-0 code boxes the values the interpolation handler formats; the steady state is the code the tiered JIT
        // compiles in the background once a method is hot, which a loaded machine may take a while to get to.
        long allocated = long.MaxValue;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (allocated != 0 && DateTime.UtcNow < deadline)
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                IdleStatsLine.Write(sink, now, before);
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - start;
            Thread.Sleep(100);
        }

        Assert.Equal(0, allocated);
        Assert.True(sink.Lines >= 100);
    }

    /// <summary>Counts lines without keeping them, so that only the formatting's own allocations are measured.</summary>
    private sealed class CountingWriter : TextWriter
    {
        public int Lines { get; private set; }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
        }

        public override void WriteLine(ReadOnlySpan<char> buffer) => Lines++;
    }

    private static LcoreStatistics Lcore(int core, IdlePolicy policy, IdleStatistics idle) =>
        new(core, $"lcore {core}", 100, 10, 1000, true) { IdlePolicy = policy, Idle = idle };
}
