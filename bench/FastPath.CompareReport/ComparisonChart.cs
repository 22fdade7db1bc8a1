using ScottPlot;

namespace FastPath.CompareReport;

/// <summary>
/// The chart the README shows: one bar per pairing at the median ratio (FastPath's advantage, above 1.0 FastPath is
/// ahead), a vertical line over each bar for the ratio's min–max range, and the parity line at 1.0.
/// </summary>
public static class ComparisonChart
{
    /// <summary>Writes the chart of <paramref name="result"/> to <paramref name="path"/> as a PNG of the given size.</summary>
    public static void Write(CompareResult result, string path, int width = 1100, int height = 520)
    {
        var plot = new Plot();
        var ticks = new List<Tick>();
        for (int i = 0; i < result.Pairings.Count; i++)
        {
            PairingResult pairing = result.Pairings[i];
            Bar bar = new() { Position = i, Value = pairing.Ratio.Median, FillColor = pairing.Ratio.Median >= 1 ? Colors.SeaGreen : Colors.IndianRed };
            plot.Add.Bar(bar);
            plot.Add.Line(i, pairing.Ratio.Min, i, pairing.Ratio.Max).Color = Colors.Black;
            plot.Add.Text($"{pairing.Ratio.Median:0.00}×", i, pairing.Ratio.Max).LabelFontSize = 12;
            ticks.Add(new Tick(i, pairing.Id));
        }

        plot.Add.HorizontalLine(1.0, 1, Colors.Gray, LinePattern.Dashed);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Margins(bottom: 0);
        plot.Title($"FastPath vs DPDK, {Describe(result.Machine)}");
        plot.YLabel("FastPath advantage (median ratio; line: min–max)");
        plot.SavePng(path, width, height);
    }

    private static string Describe(IReadOnlyDictionary<string, string> machine) =>
        string.Join(", ", new[] { "date", "cpu", "cores" }.Where(machine.ContainsKey).Select(k => k == "cores" ? $"{machine[k]} cores" : machine[k]));
}
