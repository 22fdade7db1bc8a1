using System.Globalization;

namespace FastPath;

/// <summary>Reads the durations the command lines take: a number and a unit, <c>ns</c>, <c>us</c> (or <c>µs</c>), <c>ms</c> or <c>s</c>.</summary>
public static class DurationText
{
    private static readonly (string Unit, double TicksPerUnit)[] s_units =
    [
        ("ns", TimeSpan.TicksPerMicrosecond / 1000.0),
        ("us", TimeSpan.TicksPerMicrosecond),
        ("µs", TimeSpan.TicksPerMicrosecond),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
    ];

    /// <summary>Parses <paramref name="text"/>, e.g. <c>200us</c>, <c>1.5ms</c>, <c>2s</c>.</summary>
    /// <exception cref="FormatException">The text is not a non-negative number of at most a day followed by a unit.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        foreach ((string unit, double ticksPerUnit) in s_units)
        {
            if (trimmed.EndsWith(unit, StringComparison.Ordinal)
                && double.TryParse(trimmed.AsSpan(0, trimmed.Length - unit.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                double ticks = value * ticksPerUnit;
                // Written so that NaN fails too.
                if (!(ticks >= 0 && ticks <= TimeSpan.TicksPerDay))
                {
                    break;
                }

                return TimeSpan.FromTicks((long)Math.Round(ticks));
            }
        }

        throw new FormatException($"'{text}' is not a duration; give a number from 0 to a day and a unit: ns, us, ms or s (e.g. 200us).");
    }
}
