namespace FastPath.CompareReport;

/// <summary>Turns the samples of a run into its <see cref="CompareResult"/>: medians with min–max per side, and ratios.</summary>
public static class CompareSummary
{
    /// <summary>
    /// Summarizes <paramref name="samples"/>, keeping the pairings in the order they first appear, and the batch-size
    /// sweep's <paramref name="batch"/> samples (<see cref="BatchSweep"/>), if any.
    /// </summary>
    /// <exception cref="InvalidOperationException">A pairing mixes units, or a batch series carries two labels.</exception>
    public static CompareResult Summarize(IReadOnlyList<CompareSample> samples, IReadOnlyDictionary<string, string> machine, IReadOnlyList<BatchSample>? batch = null)
    {
        var pairings = new List<PairingResult>();
        var incomplete = new List<string>();
        foreach (IGrouping<string, CompareSample> pairing in samples.GroupBy(s => s.Pairing))
        {
            CompareSample first = pairing.First();
            if (pairing.Any(s => s.Unit != first.Unit))
            {
                throw new InvalidOperationException($"Pairing '{pairing.Key}' mixes units; every sample of a pairing must be in {first.Unit}.");
            }

            SideFigures? fastPath = Side(pairing, "fastpath");
            SideFigures? dpdk = Side(pairing, "dpdk");
            if (fastPath is null || dpdk is null)
            {
                incomplete.Add($"{pairing.Key}: {(fastPath is null ? "fastpath" : "dpdk")} printed no figure in any round");
                continue;
            }

            bool moreIsBetter = first.Unit == "Mpps";
            RatioFigures ratio = moreIsBetter
                ? new(fastPath.Median / dpdk.Median, fastPath.Min / dpdk.Max, fastPath.Max / dpdk.Min)
                : new(dpdk.Median / fastPath.Median, dpdk.Min / fastPath.Max, dpdk.Max / fastPath.Min);
            pairings.Add(new PairingResult(pairing.Key, first.Label, first.Unit, fastPath, dpdk, Side(pairing, "generator"), ratio));
        }

        return new CompareResult(CompareResult.CurrentSchema, machine, pairings, incomplete, BatchSweep.Summarize(batch ?? []));
    }

    /// <summary>The median of <paramref name="values"/>: the middle one, or the mean of the two middle ones.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static SideFigures? Side(IEnumerable<CompareSample> pairing, string side)
    {
        double[] rounds = [.. pairing.Where(s => s.Side == side).OrderBy(s => s.Round).Select(s => s.Value)];
        return rounds.Length == 0 ? null : new SideFigures(Median(rounds), rounds.Min(), rounds.Max(), rounds);
    }
}
