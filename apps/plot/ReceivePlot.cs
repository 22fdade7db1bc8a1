using FastPath.Hosting.Plots;
using ScottPlot;

namespace FastPath.Apps.Plot;

/// <summary>
/// The PNG of a pktgen --rx run: on the left the latency histogram (probes per bucket of the receiver's log-linear
/// histogram, on a log-scaled latency axis), on the right the receive rate in Mpps for every second of the run.
/// </summary>
internal static class ReceivePlot
{
    public static void Write(PlotData data, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        DrawLatency(multiplot.GetPlot(0), data);
        DrawRate(multiplot.GetPlot(1), data);
        multiplot.SavePng(path, data.Width, data.Height);
    }

    private static void DrawLatency(ScottPlot.Plot plot, PlotData data)
    {
        if (data.Latency.Count > 0)
        {
            // One bar per bucket, at log10 of its upper edge; as wide as the bucket on that axis.
            var bars = new List<Bar>(data.Latency.Count);
            double previous = Math.Log10(Math.Max(1, data.Latency[0].UpperEdge)) - 0.02;
            foreach ((ulong edge, ulong count) in data.Latency)
            {
                double position = Math.Log10(Math.Max(1, edge));
                bars.Add(new Bar { Position = position, Value = count, Size = Math.Max(0.005, (position - previous) * 0.9), FillColor = Colors.SteelBlue, LineWidth = 0 });
                previous = position;
            }

            plot.Add.Bars(bars);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                LabelFormatter = value => FormatNanoseconds(Math.Pow(10, value)),
            };
        }

        plot.Axes.Margins(bottom: 0);
        plot.Title($"{data.Title}: latency");
        plot.XLabel("latency (log scale)");
        plot.YLabel("probes");
    }

    private static void DrawRate(ScottPlot.Plot plot, PlotData data)
    {
        double[] seconds = [.. Enumerable.Range(1, data.Rates.Count).Select(s => (double)s)];
        double[] mpps = [.. data.Rates.Select(r => r.Packets / 1e6)];
        if (seconds.Length > 0)
        {
            var line = plot.Add.Scatter(seconds, mpps);
            line.LineWidth = 2;
            line.Color = Colors.SeaGreen;
            plot.Axes.SetLimitsY(0, Math.Max(mpps.Max() * 1.15, 1e-6)); // from zero, so a dip looks its size
        }

        plot.Title("receive rate");
        plot.XLabel("second of the run");
        plot.YLabel("Mpps");
    }

    private static string FormatNanoseconds(double ns) => ns switch
    {
        >= 1e9 => $"{ns / 1e9:0.#} s",
        >= 1e6 => $"{ns / 1e6:0.#} ms",
        >= 1e3 => $"{ns / 1e3:0.#} µs",
        _ => $"{ns:0} ns",
    };
}
