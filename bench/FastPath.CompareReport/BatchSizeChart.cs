using ScottPlot;

namespace FastPath.CompareReport;

/// <summary>
/// The batch-size chart the README shows: cycles per packet against burst size (1 to 256, a log₂ axis), one line per
/// benchmark with a marker at each point's median and a vertical line for its min–max over the rounds.
/// </summary>
public static class BatchSizeChart
{
    /// <summary>Writes the chart of <paramref name="result"/>'s sweep to <paramref name="path"/> as a PNG of the given size.</summary>
    /// <exception cref="InvalidOperationException">The result has no batch-size sweep.</exception>
    public static void Write(CompareResult result, string path, int width = 1100, int height = 520)
    {
        if (result.Batch.Count == 0)
        {
            throw new InvalidOperationException("The result has no batch-size sweep to chart; run bench/compare/run.sh with its batch step.");
        }

        var plot = new Plot();
        var bursts = new SortedSet<int>();
        Color[] palette = [Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.IndianRed, Colors.Purple, Colors.Gray];
        for (int i = 0; i < result.Batch.Count; i++)
        {
            BatchSeries series = result.Batch[i];
            Color color = palette[i % palette.Length];
            double[] xs = [.. series.Points.Select(p => Math.Log2(p.Burst))];
            double[] ys = [.. series.Points.Select(p => p.Median)];
            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = series.Burst1OverBurst32 is double ratio ? $"{series.Label} (burst 1 / 32: {ratio:0.0}×)" : series.Label;
            line.MarkerSize = 6;
            foreach (BatchPoint point in series.Points)
            {
                plot.Add.Line(Math.Log2(point.Burst), point.Min, Math.Log2(point.Burst), point.Max).Color = color;
                bursts.Add(point.Burst);
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. bursts.Select(b => new Tick(Math.Log2(b), b.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        plot.Axes.SetLimitsY(0, result.Batch.SelectMany(s => s.Points).Max(p => p.Max) * 1.1);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title($"FastPath cost against batch size, {string.Join(", ", new[] { "date", "cpu" }.Where(result.Machine.ContainsKey).Select(k => result.Machine[k]))}");
        plot.XLabel("burst size (packets per RX/TX call)");
        plot.YLabel("TSC cycles per packet (median; line: min–max)");
        plot.SavePng(path, width, height);
    }
}
