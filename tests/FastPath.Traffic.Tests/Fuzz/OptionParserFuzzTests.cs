using CsCheck;
using FastPath.Traffic.Flows;
using FastPath.Traffic.Frames;
using FastPath.Traffic.Rate;

namespace FastPath.Traffic.Tests.Fuzz;

/// <summary>
/// Fuzzes the parsers behind pktgen's and l2fwd's own options (--rate, --size, --src/dst-mac, --src/dst-ip,
/// --src/dst-port): the applications turn a <see cref="FormatException"/> into a usage error, so any text must parse
/// into a usable value or throw exactly that, with a one-line message.
/// </summary>
public sealed class OptionParserFuzzTests
{
    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.Char["0123456789.-:%abcdefmkgpstunlimxIMX "].Array[0, 40].Select(c => new string(c))),
        (1, Gen.OneOf("1" + new string('0', 400) + "pps", "1e9pps", ".pps", "0.0001pps", "NaN%", "∞mpps", "100%", "64-1518", "1518-64", "imix", "00:00:00:00:00:00-ff:ff:ff:ff:ff:ff",
            "255.255.255.255-0.0.0.0", "0.0.0.0-255.255.255.255", "65535-0", "0-65535", "01:02:03:04:05:06", "1.2.3", "1.2.3.4.5", "-", "")),
        (1, Gen.Char.Array[0, 20].Select(c => new string(c))));

    private static void ExpectFormatError<T>(string text, Func<string, T> parse, Action<T> check)
    {
        T value;
        try
        {
            value = parse(text);
        }
        catch (FormatException error)
        {
            Assert.DoesNotContain('\n', error.Message);
            return;
        }

        check(value);
    }

    /// <summary>A regression case the campaign found: a rate beyond double's range parsed as an infinite rate.</summary>
    [Fact]
    public void AnInfiniteRateIsAFormatError() =>
        Assert.Throws<FormatException>(() => RateLimit.Parse("1" + new string('0', 400) + "pps"));

    [Fact]
    public void RatesParseToAPositiveFiniteValueOrAFormatError() =>
        FuzzBudget.Run(Text, text => ExpectFormatError(text, RateLimit.Parse, rate =>
            Assert.True(rate.Kind == RateKind.Unlimited || (double.IsFinite(rate.Value) && rate.Value > 0), $"'{text}' parsed to {rate.Kind} {rate.Value}")));

    [Fact]
    public void FrameSizesParseOrFailWithAFormatError() =>
        FuzzBudget.Run(Text, text => ExpectFormatError(text, FrameSizes.Parse, sizes => Assert.NotNull(sizes)));

    [Fact]
    public void FieldRangesParseOrFailWithAFormatError() =>
        FuzzBudget.Run(Text, text =>
        {
            ExpectFormatError(text, FieldRange.ParseMac, range => Assert.True(range.Count >= 1 && range.First + range.Count - 1 <= 0xFFFF_FFFF_FFFFUL));
            ExpectFormatError(text, FieldRange.ParseIpv4, range => Assert.True(range.Count >= 1 && range.First + range.Count - 1 <= uint.MaxValue));
            ExpectFormatError(text, FieldRange.ParsePort, range => Assert.True(range.Count >= 1 && range.First + range.Count - 1 <= ushort.MaxValue));
        });
}
