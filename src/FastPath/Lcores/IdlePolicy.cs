using System.Globalization;

namespace FastPath.Lcores;

/// <summary>
/// How a polling lcore behaves on a quiet link, the <c>--idle poll|interrupt[:after=DURATION]</c> of the applications.
/// In <see cref="IdleMode.Interrupt"/>, once every receive queue of the lcore's tasks has been empty for
/// <see cref="After"/>, the lcore arms each queue's <see cref="Ports.IWakeSource"/> and sleeps in epoll; the first
/// frame wakes it, the sources are disarmed and polling resumes.
/// </summary>
public sealed record IdlePolicy
{
    /// <summary>How long the queues must stay empty before the lcore sleeps, unless told otherwise: 200 µs.</summary>
    public static readonly TimeSpan DefaultAfter = TimeSpan.FromMicroseconds(200);

    private IdlePolicy(IdleMode mode, TimeSpan after)
    {
        Mode = mode;
        After = after;
    }

    /// <summary>Busy polling, the default.</summary>
    public static IdlePolicy Poll { get; } = new(IdleMode.Poll, DefaultAfter);

    /// <summary>The mode.</summary>
    public IdleMode Mode { get; }

    /// <summary>In <see cref="IdleMode.Interrupt"/>, how long every queue must have been empty before the lcore sleeps.</summary>
    public TimeSpan After { get; }

    /// <summary>Sleeping on the wake sources after <paramref name="after"/> (default <see cref="DefaultAfter"/>) without traffic.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="after"/> is negative or above a day.</exception>
    public static IdlePolicy Interrupt(TimeSpan? after = null)
    {
        TimeSpan value = after ?? DefaultAfter;
        if (value < TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(after), value, "The idle threshold must be from 0 to a day.");
        }

        return new IdlePolicy(IdleMode.Interrupt, value);
    }

    /// <summary>Parses <c>poll</c>, <c>interrupt</c> or <c>interrupt:after=DURATION</c> (e.g. <c>interrupt:after=1ms</c>).</summary>
    /// <exception cref="FormatException">The text is none of those.</exception>
    public static IdlePolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Trim().Split(':');
        switch (parts[0].ToLowerInvariant())
        {
            case "poll" when parts.Length == 1:
                return Poll;
            case "interrupt" when parts.Length == 1:
                return Interrupt();
            case "interrupt" when parts.Length == 2 && parts[1].StartsWith("after=", StringComparison.Ordinal):
                return Interrupt(DurationText.Parse(parts[1]["after=".Length..]));
            case "interrupt":
                throw new FormatException($"'{text}': interrupt takes one option, after=DURATION (e.g. interrupt:after=200us).");
            default:
                throw new FormatException($"'{text}' is not an idle mode; give poll, interrupt or interrupt:after=DURATION.");
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        Mode == IdleMode.Poll ? "poll" : string.Create(CultureInfo.InvariantCulture, $"interrupt:after={After.TotalMicroseconds:0.###}us");
}
