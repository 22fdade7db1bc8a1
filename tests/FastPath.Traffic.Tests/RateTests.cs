using FastPath.Traffic.Rate;

namespace FastPath.Traffic.Tests;

public sealed class RateTests
{
    [Theory]
    [InlineData("unlimited", RateKind.Unlimited, 0)]
    [InlineData("1000pps", RateKind.PacketsPerSecond, 1000)]
    [InlineData("2.5kpps", RateKind.PacketsPerSecond, 2500)]
    [InlineData("14.88mpps", RateKind.PacketsPerSecond, 14_880_000)]
    [InlineData("500mbit", RateKind.BitsPerSecond, 500e6)]
    [InlineData("10Gbit", RateKind.BitsPerSecond, 10e9)]
    [InlineData("50%", RateKind.PercentOfLineRate, 50)]
    public void ParsesEveryUnit(string text, RateKind kind, double value)
    {
        RateLimit rate = RateLimit.Parse(text);
        Assert.Equal(kind, rate.Kind);
        Assert.Equal(value, rate.Value, 6);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("-5pps")]
    [InlineData("10")]
    [InlineData("mpps")]
    public void RejectsBadRates(string text) => Assert.Throws<FormatException>(() => RateLimit.Parse(text));

    [Fact]
    public void PercentBecomesWireBits()
    {
        RateLimit rate = RateLimit.Parse("25%").Resolve(10_000, 64);
        Assert.Equal(RateKind.BitsPerSecond, rate.Kind);
        Assert.Equal(2.5e9, rate.Value, 3);
    }

    [Fact]
    public void LineRateOf64ByteFramesIsAllowedAndAboveIsNot()
    {
        // 10 Gbit/s carries 10e9 / (84 * 8) = 14.880952 Mpps of 64-byte frames (60 bytes counted by ports).
        RateLimit.Parse("14.88mpps").Resolve(10_000, 60);
        ArgumentException error = Assert.Throws<ArgumentException>(() => RateLimit.Parse("14.9mpps").Resolve(10_000, 60));
        Assert.Contains("above line rate", error.Message);
        Assert.Contains("14.881 Mpps", error.Message);
    }

    [Theory]
    [InlineData("11gbit")]
    [InlineData("101%")]
    public void AboveLineRateIsRejected(string text) => Assert.Throws<ArgumentException>(() => RateLimit.Parse(text).Resolve(10_000, 64));

    [Fact]
    public void PercentNeedsAKnownLinkSpeed() => Assert.Throws<ArgumentException>(() => RateLimit.Parse("10%").Resolve(0, 64));

    [Fact]
    public void CostIsOnePacketOrTheWireBits()
    {
        Assert.Equal(1, new RateLimit(RateKind.PacketsPerSecond, 1).CostOf(1518));
        Assert.Equal(84 * 8, new RateLimit(RateKind.BitsPerSecond, 1).CostOf(60));
    }

    [Fact]
    public void BucketEarnsTokensAtItsRateUpToItsCapacity()
    {
        // 1 Mpps with a nanosecond clock: one token per microsecond.
        var bucket = new TokenBucket(1_000_000, 100, 1_000_000_000, now: 0);
        Assert.Equal(0, bucket.Tokens);
        bucket.Refill(10_000);
        Assert.Equal(10, bucket.Tokens, 9);
        Assert.True(bucket.TryTake(10));
        Assert.False(bucket.TryTake(1));
        bucket.Refill(10_000_000);
        Assert.Equal(100, bucket.Tokens);
    }

    [Fact]
    public void BucketIgnoresTimeGoingBackwards()
    {
        var bucket = new TokenBucket(1000, 10, 1000, now: 100);
        bucket.Refill(50);
        Assert.Equal(0, bucket.Tokens);
        bucket.Refill(105);
        Assert.Equal(5, bucket.Tokens, 9);
    }

    [Fact]
    public void BucketPacesAPacketStreamToItsRate()
    {
        // Simulate 1 second in 10 µs steps at 2 Mpps: the bucket must pay for ~2,000,000 packets.
        var bucket = new TokenBucket(2_000_000, 64, 1_000_000_000, now: 0);
        long sent = 0;
        for (long t = 10_000; t <= 1_000_000_000; t += 10_000)
        {
            bucket.Refill(t);
            while (bucket.TryTake(1))
            {
                sent++;
            }
        }

        Assert.InRange(sent, 1_999_990, 2_000_000);
    }
}
