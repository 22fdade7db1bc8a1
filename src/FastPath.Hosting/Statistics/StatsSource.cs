namespace FastPath.Hosting.Statistics;

/// <summary>Fills <paramref name="rows"/> with the current cumulative rows, in place, without allocating.</summary>
/// <param name="rows">As many rows as the source has; the same rows in the same order on every call.</param>
public delegate void StatsRowReader(Span<StatsRow> rows);

/// <summary>
/// An application's statistics rows: a fixed number of them, read in place into buffers the reporter owns, so that a
/// statistics interval allocates nothing. Row names should be made once, when the source is built.
/// </summary>
public sealed class StatsSource
{
    private readonly StatsRowReader _read;

    /// <summary>Creates a source of <paramref name="rowCount"/> rows read by <paramref name="read"/>.</summary>
    public StatsSource(int rowCount, StatsRowReader read)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentNullException.ThrowIfNull(read);
        RowCount = rowCount;
        _read = read;
    }

    /// <summary>How many rows the source has.</summary>
    public int RowCount { get; }

    /// <summary>Reads the rows into <paramref name="rows"/>, which holds exactly <see cref="RowCount"/>.</summary>
    public void ReadInto(Span<StatsRow> rows)
    {
        if (rows.Length != RowCount)
        {
            throw new ArgumentException($"The buffer holds {rows.Length} rows; the source has {RowCount}.", nameof(rows));
        }

        _read(rows);
    }

    /// <summary>Reads the rows into a new array (for a summary, not for every interval).</summary>
    public StatsRow[] Read()
    {
        var rows = new StatsRow[RowCount];
        _read(rows);
        return rows;
    }
}
