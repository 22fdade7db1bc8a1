using System.Globalization;
using System.Text;
using Microsoft.Extensions.ObjectPool;

namespace FastPath.Hosting.Statistics;

/// <summary>
/// Formats statistics rows as a fixed-width console table. The per-interval table is built in a pooled
/// <see cref="StringBuilder"/> (Microsoft.Extensions.ObjectPool) and written straight to its <see cref="TextWriter"/>:
/// each number formats into a stack buffer and is copied into the builder, so an interval allocates nothing once the
/// pool holds a builder. A row is a label and numeric cells of fixed width; a column more is one more cell.
/// </summary>
public static class StatsTable
{
    private const int NameWidth = 24;

    private const string Header = "port                          rx pkts        tx pkts    dropped   rx Mpps   tx Mpps  rx Gbit/s  tx Gbit/s";

    private static readonly ObjectPool<StringBuilder> s_builders =
        new DefaultObjectPoolProvider().CreateStringBuilderPool(initialCapacity: 4096, maximumRetainedCapacity: 64 * 1024);

    /// <summary>
    /// Writes the table for one interval to <paramref name="output"/>: cumulative totals from <paramref name="current"/>
    /// and rates from the difference to <paramref name="previous"/> (same rows, same order) over <paramref name="seconds"/>.
    /// </summary>
    public static void WriteInterval(TextWriter output, ReadOnlySpan<StatsRow> current, ReadOnlySpan<StatsRow> previous, double seconds)
    {
        ArgumentNullException.ThrowIfNull(output);
        StringBuilder text = s_builders.Get();
        try
        {
            AppendInterval(text, current, previous, seconds);
            output.Write(text);
        }
        finally
        {
            s_builders.Return(text);
        }
    }

    /// <summary>The table <see cref="WriteInterval"/> writes, as a string.</summary>
    public static string FormatInterval(ReadOnlySpan<StatsRow> current, ReadOnlySpan<StatsRow> previous, double seconds)
    {
        StringBuilder text = s_builders.Get();
        try
        {
            AppendInterval(text, current, previous, seconds);
            return text.ToString();
        }
        finally
        {
            s_builders.Return(text);
        }
    }

    /// <summary>The final table: totals and average rates over the whole run of <paramref name="seconds"/>.</summary>
    public static string FormatSummary(ReadOnlySpan<StatsRow> totals, double seconds)
    {
        StringBuilder text = s_builders.Get();
        try
        {
            text.Append(CultureInfo.InvariantCulture, $"Totals over {seconds:0.00} s (rates are averages):").AppendLine();
            text.Append(Header).AppendLine();
            foreach (StatsRow row in totals)
            {
                AppendRow(text, row, row.RxPackets, row.RxBytes, row.TxPackets, row.TxBytes, seconds);
            }

            return text.ToString();
        }
        finally
        {
            s_builders.Return(text);
        }
    }

    private static void AppendInterval(StringBuilder text, ReadOnlySpan<StatsRow> current, ReadOnlySpan<StatsRow> previous, double seconds)
    {
        text.Append(Header).AppendLine();
        for (int i = 0; i < current.Length; i++)
        {
            StatsRow now = current[i];
            StatsRow before = i < previous.Length ? previous[i] : new StatsRow(now.Name, 0, 0, 0, 0, 0);
            AppendRow(text, now, now.RxPackets - before.RxPackets, now.RxBytes - before.RxBytes, now.TxPackets - before.TxPackets, now.TxBytes - before.TxBytes, seconds);
        }
    }

    private static void AppendRow(StringBuilder text, StatsRow row, ulong rxPackets, ulong rxBytes, ulong txPackets, ulong txBytes, double seconds)
    {
        // Long names lose their middle, so that both the port id and a trailing "(handed)"/"(port)" stay visible.
        string name = row.Name;
        if (name.Length > NameWidth)
        {
            text.Append(name.AsSpan(0, NameWidth - 11)).Append('…').Append(name.AsSpan(name.Length - 10));
        }
        else
        {
            text.Append(name).Append(' ', NameWidth - name.Length);
        }

        AppendCell(text, row.RxPackets, 14);
        AppendCell(text, row.TxPackets, 14);
        AppendCell(text, row.Dropped, 10);
        AppendCell(text, Throughput.Mpps(rxPackets, seconds), 9);
        AppendCell(text, Throughput.Mpps(txPackets, seconds), 9);
        AppendCell(text, Throughput.WireGbps(rxPackets, rxBytes, seconds), 10);
        AppendCell(text, Throughput.WireGbps(txPackets, txBytes, seconds), 10);
        text.AppendLine();
    }

    // The cells format with the numbers' own TryFormat, not through an interpolation handler's generic methods: those
    // box their argument until the JIT has optimised them, and the table must not allocate even in its first intervals.
    private static void AppendCell(StringBuilder text, ulong value, int width)
    {
        Span<char> cell = stackalloc char[24];
        value.TryFormat(cell, out int length, default, CultureInfo.InvariantCulture);
        text.Append(' ').Append(' ', Math.Max(0, width - length)).Append(cell[..length]);
    }

    private static void AppendCell(StringBuilder text, double value, int width)
    {
        Span<char> cell = stackalloc char[32];
        if (!value.TryFormat(cell, out int length, "0.000", CultureInfo.InvariantCulture))
        {
            cell[0] = '-';
            length = 1;
        }

        text.Append(' ').Append(' ', Math.Max(0, width - length)).Append(cell[..length]);
    }
}
