using System.Globalization;

namespace FastPath.Traffic.Rate;

/// <summary>
/// How fast a generator sends: unlimited, packets per second, bits per second on the wire (frame, FCS, preamble and
/// gap: <see cref="Frames.FrameOffsets.WireOverhead"/> bytes more than ports count), or a percentage of line rate.
/// </summary>
/// <param name="Kind">The unit of <paramref name="Value"/>.</param>
/// <param name="Value">The rate, in <paramref name="Kind"/>'s unit.</param>
public readonly record struct RateLimit(RateKind Kind, double Value)
{
    /// <summary>No limit.</summary>
    public static RateLimit Unlimited => new(RateKind.Unlimited, 0);

    /// <summary>
    /// Parses <c>unlimited</c>, <c>1000000pps</c>, <c>1.5mpps</c>, <c>2kpps</c>, <c>500mbit</c>, <c>10gbit</c> or <c>50%</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is none of these, or the rate is not positive.</exception>
    public static RateLimit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToLowerInvariant();
        if (t is "unlimited" or "max" or "0")
        {
            return Unlimited;
        }

        (string Suffix, RateKind Kind, double Scale)[] units =
        [
            ("mpps", RateKind.PacketsPerSecond, 1e6), ("kpps", RateKind.PacketsPerSecond, 1e3), ("pps", RateKind.PacketsPerSecond, 1),
            ("gbit", RateKind.BitsPerSecond, 1e9), ("mbit", RateKind.BitsPerSecond, 1e6), ("kbit", RateKind.BitsPerSecond, 1e3),
            ("%", RateKind.PercentOfLineRate, 1),
        ];
        foreach ((string suffix, RateKind kind, double scale) in units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal) &&
                double.TryParse(t[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) && value > 0 &&
                double.IsFinite(value * scale))
            {
                return new RateLimit(kind, value * scale);
            }
        }

        throw new FormatException($"'{text}' is not a rate; give unlimited, packets per second (14.88mpps, 500kpps, 1000pps), wire bit rate (10gbit, 500mbit) or a share of line rate (50%).");
    }

    /// <summary>
    /// Turns the limit into wire bits per second or packets per second for a port of <paramref name="linkMbps"/>,
    /// and checks it does not exceed the line rate for frames of <paramref name="averageFrameLength"/> bytes (without FCS).
    /// </summary>
    /// <exception cref="ArgumentException">The rate exceeds the line rate, or is a percentage on a port of unknown speed.</exception>
    public RateLimit Resolve(int linkMbps, double averageFrameLength)
    {
        double lineBits = linkMbps * 1e6;
        double wireBitsPerFrame = (averageFrameLength + Frames.FrameOffsets.WireOverhead) * 8;
        switch (Kind)
        {
            case RateKind.Unlimited:
                return this;
            case RateKind.PercentOfLineRate:
                if (linkMbps <= 0)
                {
                    throw new ArgumentException($"A rate of {Value}% of line rate needs a port that reports its link speed, and this one does not; give the rate in pps or Mbit/s.");
                }

                if (Value > 100)
                {
                    throw new ArgumentException($"A rate of {Value}% is above line rate; give at most 100%.");
                }

                return new RateLimit(RateKind.BitsPerSecond, lineBits * Value / 100);
            case RateKind.BitsPerSecond when linkMbps > 0 && Value > lineBits * (1 + 1e-9):
                throw new ArgumentException($"A rate of {Value / 1e6:0.###} Mbit/s is above the port's line rate of {linkMbps} Mbit/s; lower it or use a percentage.");
            case RateKind.PacketsPerSecond when linkMbps > 0 && Value * wireBitsPerFrame > lineBits * (1 + 1e-9):
                throw new ArgumentException(
                    $"A rate of {Value / 1e6:0.###} Mpps is above line rate: {linkMbps} Mbit/s carries at most {lineBits / wireBitsPerFrame / 1e6:0.###} Mpps of {averageFrameLength + Frames.FrameOffsets.FcsLength:0.#}-byte frames; lower it.");
            default:
                return this;
        }
    }

    /// <summary>What one frame of <paramref name="length"/> bytes (without FCS) costs in this limit's unit.</summary>
    public double CostOf(int length) => Kind == RateKind.BitsPerSecond ? (length + Frames.FrameOffsets.WireOverhead) * 8.0 : 1.0;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        RateKind.Unlimited => "unlimited",
        RateKind.PacketsPerSecond => string.Create(CultureInfo.InvariantCulture, $"{Value / 1e6:0.######} Mpps"),
        RateKind.BitsPerSecond => string.Create(CultureInfo.InvariantCulture, $"{Value / 1e6:0.###} Mbit/s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Value}% of line rate"),
    };
}
