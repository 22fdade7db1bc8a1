using System.Globalization;
using FastPath.Lcores;

namespace FastPath.Hosting.Statistics;

/// <summary>
/// The line per lcore that the applications print under each statistics table and in their summary when the lcores
/// run in interrupt idle mode: sleeps, wake-ups, per cent of time asleep and the wake latency
/// (<see cref="IdleStatistics"/>). It is formatted into a stack buffer, so printing allocates nothing.
/// </summary>
public static class IdleStatsLine
{
    /// <summary>Writes the lines of the lcores in interrupt mode, for an interval (<paramref name="previous"/> given) or the whole run.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="current">The lcores now.</param>
    /// <param name="previous">The lcores at the start of the interval (same order), or empty for the whole run.</param>
    public static void Write(TextWriter output, ReadOnlySpan<LcoreStatistics> current, ReadOnlySpan<LcoreStatistics> previous)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<char> line = stackalloc char[256];
        for (int i = 0; i < current.Length; i++)
        {
            LcoreStatistics lcore = current[i];
            if (lcore.IdlePolicy.Mode != IdleMode.Interrupt)
            {
                continue;
            }

            IdleStatistics idle = i < previous.Length ? lcore.Idle.Since(previous[i].Idle) : lcore.Idle;
            Tenths asleep = new(idle.AsleepPercent), mean = new(idle.WakeLatencyMean.TotalMicroseconds), max = new(lcore.Idle.WakeLatencyMax.TotalMicroseconds);
            if (line.TryWrite(CultureInfo.InvariantCulture,
                $"idle {lcore.Name}: {idle.Sleeps} sleeps, {idle.Wakeups} wake-ups, asleep {asleep.Whole}.{asleep.Tenth}%, wake latency mean {mean.Whole}.{mean.Tenth} us, max {max.Whole}.{max.Tenth} us ({idle.WakeLatencySamples} samples)",
                out int written))
            {
                output.WriteLine(line[..written]);
            }
        }
    }

    /// <summary>A non-negative number rounded to one decimal, as its whole part and tenth, printed as two integers.</summary>
    private readonly struct Tenths
    {
        public Tenths(double value)
        {
            long tenths = (long)Math.Round(Math.Max(0, value) * 10);
            Whole = tenths / 10;
            Tenth = (int)(tenths % 10);
        }

        public long Whole { get; }

        public int Tenth { get; }
    }
}
