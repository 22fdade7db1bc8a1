using System.Globalization;

namespace FastPath.CompareReport;

/// <summary>
/// One measurement of bench/compare/run.sh: a tab-separated line "pairing, label, unit, side, round, value", where the
/// unit is "Mpps" (more is better) or "cycles" (per object or per packet: fewer is better) and the side is
/// "fastpath", "dpdk" or "generator" (the traffic source's own rate, printed beside a forwarding pairing).
/// </summary>
public readonly record struct CompareSample(string Pairing, string Label, string Unit, string Side, int Round, double Value)
{
    /// <summary>Reads every sample of <paramref name="lines"/>; blank lines and lines starting with # are skipped.</summary>
    /// <exception cref="FormatException">A line is malformed; the message names the line and what it should hold.</exception>
    public static IReadOnlyList<CompareSample> Parse(IEnumerable<string> lines)
    {
        var samples = new List<CompareSample>();
        foreach ((int number, string line, string[] fields) in SampleLines.Read(lines))
        {
            if (fields.Length != 6
                || fields[2] is not ("Mpps" or "cycles")
                || fields[3] is not ("fastpath" or "dpdk" or "generator")
                || !int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out int round)
                || !double.TryParse(fields[5], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                || !double.IsFinite(value) || value <= 0)
            {
                throw new FormatException($"Sample line {number} is not 'pairing<TAB>label<TAB>Mpps|cycles<TAB>fastpath|dpdk|generator<TAB>round<TAB>positive value': '{line}'. A run that printed no figure for a side (n/a) must not write a sample.");
            }

            samples.Add(new CompareSample(fields[0], fields[1], fields[2], fields[3], round, value));
        }

        return samples;
    }
}
