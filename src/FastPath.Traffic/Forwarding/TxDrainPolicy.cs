using System.Globalization;

namespace FastPath.Traffic.Forwarding;

/// <summary>
/// When a forwarder sends frames that wait in a partly filled transmit buffer. <see cref="Adaptive"/> (the default)
/// sends a route's buffer as soon as that route's receive burst comes back short of a full burst, so a light load
/// never waits for a timer while a full load still goes out in full bursts. <see cref="Every"/> keeps a fixed timer,
/// as DPDK l2fwd's 100 µs BURST_TX_DRAIN_US.
/// </summary>
public readonly record struct TxDrainPolicy
{
    /// <summary>DPDK l2fwd's drain timer, 100 µs.</summary>
    public static readonly TimeSpan DpdkInterval = TimeSpan.FromMicroseconds(100);

    private TxDrainPolicy(TimeSpan interval) => Interval = interval;

    /// <summary>Drain a route's buffer after every short receive burst.</summary>
    public static TxDrainPolicy Adaptive => default;

    /// <summary>The fixed drain interval; <see cref="TimeSpan.Zero"/> when <see cref="IsAdaptive"/>.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Whether buffers drain after short receive bursts rather than on a timer.</summary>
    public bool IsAdaptive => Interval == TimeSpan.Zero;

    /// <summary>Drain every buffer on a fixed timer of <paramref name="interval"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive or longer than a second.</exception>
    public static TxDrainPolicy Every(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(interval, TimeSpan.FromSeconds(1));
        return new TxDrainPolicy(interval);
    }

    /// <summary>
    /// Parses <c>adaptive</c> or a duration with its unit: <c>100us</c> (or <c>100µs</c>), <c>250ns</c>, <c>1ms</c>,
    /// <c>0.5ms</c>, from 100 ns (the resolution of <see cref="TimeSpan"/>) to 1 s.
    /// </summary>
    /// <exception cref="FormatException">The text is neither; the message names what is accepted.</exception>
    public static TxDrainPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.Equals("adaptive", StringComparison.OrdinalIgnoreCase))
        {
            return Adaptive;
        }

        (string Suffix, double Nanoseconds)[] units = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)];
        foreach ((string suffix, double scale) in units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed.AsSpan(0, trimmed.Length - suffix.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
            {
                double nanoseconds = value * scale;
                if (!(nanoseconds >= 100 && nanoseconds <= 1e9))
                {
                    throw new FormatException($"A drain interval of '{text}' is out of range; give 100ns to 1s, e.g. 100us.");
                }

                return new TxDrainPolicy(TimeSpan.FromTicks((long)Math.Round(nanoseconds / 100)));
            }
        }

        throw new FormatException($"'{text}' is not a drain policy; give adaptive, or a fixed interval with its unit such as 100us, 50us or 1ms.");
    }

    /// <summary><c>adaptive</c>, or the interval, e.g. <c>100us</c>.</summary>
    public override string ToString() =>
        IsAdaptive ? "adaptive" : string.Create(CultureInfo.InvariantCulture, $"{Interval.TotalMicroseconds:0.###}us");
}
