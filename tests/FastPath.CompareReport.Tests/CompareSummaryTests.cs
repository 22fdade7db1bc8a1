namespace FastPath.CompareReport.Tests;

public sealed class CompareSummaryTests
{
    private static readonly Dictionary<string, string> s_machine = new() { ["date"] = "2026-12-01" };

    [Fact]
    public void MedianIsTheMiddleOrTheMeanOfTheTwoMiddleFigures()
    {
        Assert.Equal(3.0, CompareSummary.Median([5, 1, 3]));
        Assert.Equal(2.5, CompareSummary.Median([4, 1, 3, 2]));
    }

    [Fact]
    public void RatesGiveFastPathOverDpdkWithTheRangeOfTheRounds()
    {
        CompareResult result = CompareSummary.Summarize(
            [Sample("fastpath", 1, 150), Sample("dpdk", 1, 70), Sample("fastpath", 2, 140), Sample("dpdk", 2, 80), Sample("fastpath", 3, 120), Sample("dpdk", 3, 75)], s_machine);

        PairingResult pairing = Assert.Single(result.Pairings);
        Assert.Equal(new[] { 150.0, 140, 120 }, pairing.FastPath.Rounds);
        Assert.Equal((140.0, 120.0, 150.0), (pairing.FastPath.Median, pairing.FastPath.Min, pairing.FastPath.Max));
        Assert.Equal(140.0 / 75, pairing.Ratio.Median, 9);
        Assert.Equal(120.0 / 80, pairing.Ratio.Min, 9);
        Assert.Equal(150.0 / 70, pairing.Ratio.Max, 9);
        Assert.Null(pairing.Generator);
    }

    [Fact]
    public void CyclesGiveDpdkOverFastPathSoThatAboveOneStillMeansFastPathIsAhead()
    {
        CompareResult result = CompareSummary.Summarize([Sample("fastpath", 1, 18, "cycles"), Sample("dpdk", 1, 11, "cycles")], s_machine);

        Assert.Equal(11.0 / 18, Assert.Single(result.Pairings).Ratio.Median, 9);
    }

    [Fact]
    public void KeepsTheGeneratorsOwnRateBesideTheForwarders()
    {
        CompareResult result = CompareSummary.Summarize([Sample("fastpath", 1, 0.2), Sample("dpdk", 1, 0.19), Sample("generator", 1, 0.21)], s_machine);

        Assert.Equal(0.21, Assert.Single(result.Pairings).Generator!.Median);
    }

    [Fact]
    public void APairingWithoutOneSideIsListedAsIncompleteNamingTheSide()
    {
        CompareResult result = CompareSummary.Summarize([Sample("fastpath", 1, 150), new("ring-single-8", "ring", "cycles", "dpdk", 1, 27)], s_machine);

        Assert.Empty(result.Pairings);
        Assert.Equal(["null-io: dpdk printed no figure in any round", "ring-single-8: fastpath printed no figure in any round"], result.Incomplete);
    }

    private static CompareSample Sample(string side, int round, double value, string unit = "Mpps") => new("null-io", "io forward", unit, side, round, value);
}
