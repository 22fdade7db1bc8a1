namespace FastPath.CompareReport;

/// <summary>Turns the batch-size samples of a run into one <see cref="BatchSeries"/> per benchmark.</summary>
public static class BatchSweep
{
    /// <summary>The goal: at burst 1, at most this many times the cycles per packet of burst 32.</summary>
    public const double GoalRatio = 2.0;

    /// <summary>
    /// The series the README's projected Mpps per core comes from: the Intel ring forward with the NIC stand-in on the
    /// other core, whose descriptor cache lines move between cores as a NIC's writes make them.
    /// </summary>
    public const string ProjectionSeries = "intel-forward-other-core";

    /// <summary>The burst size the projection uses, the engine's default.</summary>
    public const int ProjectionBurst = 32;

    /// <summary>Summarizes <paramref name="samples"/>, keeping the series in the order they first appear.</summary>
    /// <exception cref="InvalidOperationException">A series carries two labels.</exception>
    public static IReadOnlyList<BatchSeries> Summarize(IReadOnlyList<BatchSample> samples)
    {
        var series = new List<BatchSeries>();
        foreach (IGrouping<string, BatchSample> group in samples.GroupBy(s => s.Series))
        {
            string label = group.First().Label;
            if (group.Any(s => s.Label != label))
            {
                throw new InvalidOperationException($"Batch series '{group.Key}' carries more than one label; give each benchmark one label.");
            }

            BatchPoint[] points = [.. group.GroupBy(s => s.Burst).OrderBy(b => b.Key).Select(b =>
            {
                double[] rounds = [.. b.OrderBy(s => s.Round).Select(s => s.Cycles)];
                return new BatchPoint(b.Key, CompareSummary.Median(rounds), rounds.Min(), rounds.Max(), rounds);
            })];
            BatchPoint? one = points.FirstOrDefault(p => p.Burst == 1);
            BatchPoint? full = points.FirstOrDefault(p => p.Burst == 32);
            series.Add(new BatchSeries(group.Key, label, points, one is null || full is null ? null : one.Median / full.Median));
        }

        return series;
    }
}
