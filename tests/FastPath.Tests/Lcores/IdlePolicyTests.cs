using FastPath.Lcores;

namespace FastPath.Tests.Lcores;

public sealed class IdlePolicyTests
{
    [Theory]
    [InlineData("poll", IdleMode.Poll, 200)]
    [InlineData("interrupt", IdleMode.Interrupt, 200)]
    [InlineData("Interrupt:after=1ms", IdleMode.Interrupt, 1000)]
    [InlineData("interrupt:after=50us", IdleMode.Interrupt, 50)]
    [InlineData("interrupt:after=50µs", IdleMode.Interrupt, 50)]
    [InlineData("interrupt:after=0.5ms", IdleMode.Interrupt, 500)]
    [InlineData("interrupt:after=2s", IdleMode.Interrupt, 2_000_000)]
    [InlineData("interrupt:after=0us", IdleMode.Interrupt, 0)]
    public void Parses_the_modes_and_the_threshold(string text, IdleMode mode, double microseconds)
    {
        IdlePolicy policy = IdlePolicy.Parse(text);
        Assert.Equal(mode, policy.Mode);
        Assert.Equal(microseconds, policy.After.TotalMicroseconds);
        Assert.Equal(policy, IdlePolicy.Parse(policy.ToString()));
    }

    [Theory]
    [InlineData("sleep", "is not an idle mode")]
    [InlineData("poll:after=1ms", "is not an idle mode")]
    [InlineData("interrupt:after=", "is not a duration")]
    [InlineData("interrupt:after=10", "is not a duration")]
    [InlineData("interrupt:after=-1ms", "is not a duration")]
    [InlineData("interrupt:after=2d", "is not a duration")]
    [InlineData("interrupt:after=NaNms", "is not a duration")]
    [InlineData("interrupt:after=25h", "is not a duration")]
    [InlineData("interrupt:after=90000s", "is not a duration")]
    [InlineData("interrupt:soon", "interrupt takes one option")]
    [InlineData("interrupt:after=1ms:x", "interrupt takes one option")]
    public void Rejects_bad_text_with_the_fix(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => IdlePolicy.Parse(text));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void The_default_is_poll_and_interrupt_waits_200_microseconds()
    {
        Assert.Equal(IdleMode.Poll, new LcoreStatistics().IdlePolicy.Mode);
        Assert.Equal(TimeSpan.FromMicroseconds(200), IdlePolicy.Interrupt().After);
        Assert.Throws<ArgumentOutOfRangeException>(() => IdlePolicy.Interrupt(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Idle_statistics_of_an_interval_are_differences()
    {
        var earlier = new IdleStatistics(2, 1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 1, TimeSpan.FromMicroseconds(10), TimeSpan.FromMicroseconds(10));
        var now = new IdleStatistics(5, 3, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3), 3, TimeSpan.FromMicroseconds(70), TimeSpan.FromMicroseconds(40));
        IdleStatistics interval = now.Since(earlier);
        Assert.Equal(3UL, interval.Sleeps);
        Assert.Equal(50, interval.AsleepPercent, 6);
        Assert.Equal(TimeSpan.FromMicroseconds(30), interval.WakeLatencyMean);
        Assert.Equal(TimeSpan.FromMicroseconds(40), interval.WakeLatencyMax);
        Assert.Equal(50, now.AsleepPercent, 6);
        Assert.Equal(TimeSpan.FromMicroseconds(70.0 / 3), now.WakeLatencyMean);
    }
}
