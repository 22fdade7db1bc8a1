using System.Globalization;
using System.Text;

namespace FastPath.Hosting.Statistics;

/// <summary>Formats statistics rows as a fixed-width console table.</summary>
public static class StatsTable
{
    private const int NameWidth = 24;

    private const string Header = "port                          rx pkts        tx pkts    dropped   rx Mpps   tx Mpps  rx Gbit/s  tx Gbit/s";

    /// <summary>
    /// The table for one interval: cumulative totals from <paramref name="current"/> and rates from the difference to
    /// <paramref name="previous"/> (same rows, same order) over <paramref name="seconds"/>.
    /// </summary>
    public static string FormatInterval(IReadOnlyList<StatsRow> current, IReadOnlyList<StatsRow> previous, double seconds)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        var text = new StringBuilder();
        text.AppendLine(Header);
        for (int i = 0; i < current.Count; i++)
        {
            StatsRow now = current[i];
            StatsRow before = i < previous.Count ? previous[i] : new StatsRow(now.Name, 0, 0, 0, 0, 0);
            AppendRow(text, now, now.RxPackets - before.RxPackets, now.RxBytes - before.RxBytes, now.TxPackets - before.TxPackets, now.TxBytes - before.TxBytes, seconds);
        }

        return text.ToString();
    }

    /// <summary>The final table: totals and average rates over the whole run of <paramref name="seconds"/>.</summary>
    public static string FormatSummary(IReadOnlyList<StatsRow> totals, double seconds)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Totals over {seconds:0.00} s (rates are averages):");
        text.AppendLine(Header);
        foreach (StatsRow row in totals)
        {
            AppendRow(text, row, row.RxPackets, row.RxBytes, row.TxPackets, row.TxBytes, seconds);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, StatsRow row, ulong rxPackets, ulong rxBytes, ulong txPackets, ulong txBytes, double seconds)
    {
        // Long names lose their middle, so that both the port id and a trailing "(handed)"/"(port)" stay visible.
        string name = row.Name.Length > NameWidth ? row.Name[..(NameWidth - 11)] + "…" + row.Name[^10..] : row.Name;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{name,-24} {row.RxPackets,14} {row.TxPackets,14} {row.Dropped,10} {Throughput.Mpps(rxPackets, seconds),9:0.000} {Throughput.Mpps(txPackets, seconds),9:0.000} {Throughput.WireGbps(rxPackets, rxBytes, seconds),10:0.000} {Throughput.WireGbps(txPackets, txBytes, seconds),10:0.000}");
    }
}
