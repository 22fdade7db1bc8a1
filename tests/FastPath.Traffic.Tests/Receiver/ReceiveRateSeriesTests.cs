using FastPath.Traffic.Receiver;

namespace FastPath.Traffic.Tests.Receiver;

public sealed class ReceiveRateSeriesTests
{
    [Fact]
    public void Each_second_keeps_what_the_totals_grew_by_and_seconds_beyond_the_capacity_are_counted_not_kept()
    {
        var series = new ReceiveRateSeries(3);
        series.Record(100, 6_400);
        series.Record(250, 16_000);
        series.Record(250, 16_000);
        series.Record(900, 57_600);

        Assert.Equal(3, series.Count);
        Assert.Equal(1, series.Dropped);
        Assert.Equal([100UL, 150UL, 0UL], Enumerable.Range(0, 3).Select(series.PacketsAt));
        Assert.Equal([6_400UL, 9_600UL, 0UL], Enumerable.Range(0, 3).Select(series.BytesAt));
        Assert.Throws<ArgumentOutOfRangeException>(() => series.PacketsAt(3));
    }

    [Fact]
    public void Recording_allocates_nothing()
    {
        var series = new ReceiveRateSeries(10_000);
        series.Record(1, 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (ulong i = 2; i < 12_000; i++)
        {
            series.Record(i * 1000, i * 64_000); // past the capacity too
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10_000, series.Count);
    }
}
