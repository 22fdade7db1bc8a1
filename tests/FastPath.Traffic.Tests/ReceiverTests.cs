using FastPath.Traffic.Receiver;

namespace FastPath.Traffic.Tests;

public sealed class ReceiverTests
{
    [Fact]
    public void InOrderStreamHasNothingToReport()
    {
        var tracker = new SequenceTracker();
        for (ulong s = 0; s < 1000; s++)
        {
            tracker.Record(s);
        }

        Assert.Equal(1000UL, tracker.Received);
        Assert.Equal(0UL, tracker.Duplicates);
        Assert.Equal(0UL, tracker.Reordered);
        Assert.Equal(999UL, tracker.Highest);
    }

    [Fact]
    public void LateFramesAreReorderedAndRepeatsAreDuplicates()
    {
        var tracker = new SequenceTracker();
        foreach (ulong s in new ulong[] { 0, 1, 3, 2, 4, 4, 2, 10 })
        {
            tracker.Record(s);
        }

        Assert.Equal(1UL, tracker.Reordered);
        Assert.Equal(2UL, tracker.Duplicates);
        Assert.Equal(10UL, tracker.Highest);
    }

    [Fact]
    public void GapsBeyondTheWindowClearIt()
    {
        var tracker = new SequenceTracker();
        tracker.Record(5);
        tracker.Record(5 + SequenceTracker.WindowSize * 3);
        tracker.Record(5 + SequenceTracker.WindowSize * 3 - 1);
        Assert.Equal(0UL, tracker.Duplicates);
        Assert.Equal(1UL, tracker.Reordered);
    }

    [Fact]
    public void HistogramPercentilesAreWithinTheBucketPrecision()
    {
        var histogram = new LatencyHistogram();
        for (ulong v = 1; v <= 10_000; v++)
        {
            histogram.Record(v);
        }

        Assert.Equal(1UL, histogram.Min);
        Assert.Equal(10_000UL, histogram.Max);
        Assert.Equal(5000.5, histogram.Mean, 6);
        Assert.InRange(histogram.Percentile(50), 5000UL, 5000UL * 107 / 100);
        Assert.InRange(histogram.Percentile(99), 9900UL, 9900UL * 107 / 100);
        Assert.Equal(10_000UL, histogram.Percentile(100));
    }

    [Fact]
    public void HistogramsMerge()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(10);
        b.Record(1_000_000);
        a.Add(b);
        Assert.Equal(2UL, a.Count);
        Assert.Equal(10UL, a.Min);
        Assert.Equal(1_000_000UL, a.Max);
        Assert.Equal(10UL, a.Percentile(50));
    }

    [Fact]
    public void EmptyHistogramReportsZeros()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0UL, histogram.Min);
        Assert.Equal(0UL, histogram.Percentile(99));
        Assert.Equal(0, histogram.Mean);
    }
}
