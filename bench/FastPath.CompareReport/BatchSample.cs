using System.Globalization;

namespace FastPath.CompareReport;

/// <summary>
/// One point of bench/compare/run.sh's batch-size sweep: a tab-separated line "series, label, burst, round, cycles",
/// the TSC cycles per packet one FastPath benchmark (the series) took at that burst size in that round.
/// </summary>
public readonly record struct BatchSample(string Series, string Label, int Burst, int Round, double Cycles)
{
    /// <summary>Reads every sample of <paramref name="lines"/>; blank lines and lines starting with # are skipped.</summary>
    /// <exception cref="FormatException">A line is malformed; the message names the line and what it should hold.</exception>
    public static IReadOnlyList<BatchSample> Parse(IEnumerable<string> lines)
    {
        var samples = new List<BatchSample>();
        foreach ((int number, string line, string[] fields) in SampleLines.Read(lines))
        {
            if (fields.Length != 5
                || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out int burst) || burst < 1
                || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out int round)
                || !double.TryParse(fields[4], NumberStyles.Float, CultureInfo.InvariantCulture, out double cycles)
                || !double.IsFinite(cycles) || cycles <= 0)
            {
                throw new FormatException($"Batch sample line {number} is not 'series<TAB>label<TAB>burst >= 1<TAB>round<TAB>positive cycles per packet': '{line}'. A benchmark that printed no figure (n/a) must not write a sample.");
            }

            samples.Add(new BatchSample(fields[0], fields[1], burst, round, cycles));
        }

        return samples;
    }
}
