namespace FastPath.Hosting.Statistics;

/// <summary>One line of a statistics table: cumulative totals of a port as an application or the port counts them.</summary>
/// <param name="Name">The line's label, e.g. "0 ring:a".</param>
/// <param name="RxPackets">Frames received.</param>
/// <param name="RxBytes">Bytes received.</param>
/// <param name="TxPackets">Frames transmitted (accepted by the port).</param>
/// <param name="TxBytes">Bytes transmitted.</param>
/// <param name="Dropped">Frames dropped.</param>
public readonly record struct StatsRow(string Name, ulong RxPackets, ulong RxBytes, ulong TxPackets, ulong TxBytes, ulong Dropped)
{
    /// <summary>The sum of <paramref name="rows"/>, labelled <paramref name="name"/>.</summary>
    public static StatsRow Sum(string name, ReadOnlySpan<StatsRow> rows)
    {
        StatsRow total = new(name, 0, 0, 0, 0, 0);
        foreach (StatsRow row in rows)
        {
            total = total with
            {
                RxPackets = total.RxPackets + row.RxPackets,
                RxBytes = total.RxBytes + row.RxBytes,
                TxPackets = total.TxPackets + row.TxPackets,
                TxBytes = total.TxBytes + row.TxBytes,
                Dropped = total.Dropped + row.Dropped,
            };
        }

        return total;
    }
}
