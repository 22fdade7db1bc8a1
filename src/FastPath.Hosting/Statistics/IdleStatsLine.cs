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
    /// <param name="previous">The lcores at the start of the interval (same order), or null for the whole run.</param>
    public static void Write(TextWriter output, IReadOnlyList<LcoreStatistics> current, IReadOnlyList<LcoreStatistics>? previous)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(current);
        Span<char> line = stackalloc char[256];
        for (int i = 0; i < current.Count; i++)
        {
            LcoreStatistics lcore = current[i];
            if (lcore.IdlePolicy.Mode != IdleMode.Interrupt)
            {
                continue;
            }

            IdleStatistics idle = previous is not null && i < previous.Count ? lcore.Idle.Since(previous[i].Idle) : lcore.Idle;
            if (line.TryWrite(CultureInfo.InvariantCulture,
                $"idle {lcore.Name}: {idle.Sleeps} sleeps, {idle.Wakeups} wake-ups, asleep {idle.AsleepPercent:0.0}%, wake latency mean {idle.WakeLatencyMean.TotalMicroseconds:0.0} us, max {lcore.Idle.WakeLatencyMax.TotalMicroseconds:0.0} us ({idle.WakeLatencySamples} samples)",
                out int written))
            {
                output.WriteLine(line[..written]);
            }
        }
    }
}
