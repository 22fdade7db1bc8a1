using FastPath.Traffic.Forwarding;

namespace FastPath.Traffic.Tests.Forwarding;

public sealed class TxDrainPolicyTests
{
    [Theory]
    [InlineData("adaptive", 0)]
    [InlineData("Adaptive", 0)]
    [InlineData("100us", 100_000)]
    [InlineData("100µs", 100_000)]
    [InlineData("0.5ms", 500_000)]
    [InlineData("300ns", 300)]
    [InlineData("1s", 1_000_000_000)]
    public void ParsesAdaptiveAndDurations(string text, long nanoseconds)
    {
        TxDrainPolicy policy = TxDrainPolicy.Parse(text);
        Assert.Equal(nanoseconds == 0, policy.IsAdaptive);
        Assert.Equal(nanoseconds, (long)policy.Interval.TotalNanoseconds);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("fast")]
    [InlineData("-5us")]
    [InlineData("50ns")]
    [InlineData("2s")]
    [InlineData("")]
    public void RefusesOtherTextNamingTheFix(string text)
    {
        FormatException error = Assert.Throws<FormatException>(() => TxDrainPolicy.Parse(text));
        Assert.Contains("100us", error.Message);
    }

    [Fact]
    public void DefaultIsAdaptiveAndPrintsAsParsed()
    {
        Assert.True(default(TxDrainPolicy).IsAdaptive);
        Assert.Equal("adaptive", TxDrainPolicy.Adaptive.ToString());
        Assert.Equal("100us", TxDrainPolicy.Every(TxDrainPolicy.DpdkInterval).ToString());
        Assert.Equal(TxDrainPolicy.Every(TxDrainPolicy.DpdkInterval), TxDrainPolicy.Parse("100us"));
    }
}
