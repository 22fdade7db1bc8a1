namespace FastPath.CompareReport.Tests;

public sealed class BatchSweepTests
{
    [Fact]
    public void EachBurstGetsTheMedianAndRangeOfItsRoundsInAscendingBurstOrder()
    {
        IReadOnlyList<BatchSeries> series = BatchSweep.Summarize(
            [new("null-io", "null", 32, 1, 14), new("null-io", "null", 1, 1, 60), new("null-io", "null", 32, 2, 12), new("null-io", "null", 1, 2, 40), new("null-io", "null", 32, 3, 13), new("null-io", "null", 1, 3, 50)]);

        BatchSeries only = Assert.Single(series);
        Assert.Equal([1, 32], only.Points.Select(p => p.Burst));
        Assert.Equal((50.0, 40.0, 60.0), (only.Points[0].Median, only.Points[0].Min, only.Points[0].Max));
        Assert.Equal([60.0, 40, 50], only.Points[0].Rounds);
        Assert.Equal(50.0 / 13, only.Burst1OverBurst32!.Value, 9);
    }

    [Fact]
    public void TheGoalRatioIsNullWithoutBothBurst1AndBurst32AndSeriesKeepTheirOrder()
    {
        IReadOnlyList<BatchSeries> series = BatchSweep.Summarize([new("b", "B", 1, 1, 9), new("a", "A", 32, 1, 3), new("a", "A", 1, 1, 5)]);

        Assert.Equal(["b", "a"], series.Select(s => s.Id));
        Assert.Null(series[0].Burst1OverBurst32);
        Assert.Equal(5.0 / 3, series[1].Burst1OverBurst32!.Value, 9);
    }

    [Fact]
    public void ASeriesWithTwoLabelsIsAnErrorNamingIt()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => BatchSweep.Summarize([new("x", "one", 1, 1, 9), new("x", "two", 2, 1, 5)]));

        Assert.Contains("'x'", error.Message);
    }
}
