namespace FastPath.CompareReport;

/// <summary>The tab-separated sample files bench/compare/run.sh writes: one sample a line, blank lines and lines starting with # skipped.</summary>
internal static class SampleLines
{
    /// <summary>Each sample line of <paramref name="lines"/> with its 1-based line number and its tab-separated fields.</summary>
    public static IEnumerable<(int Number, string Line, string[] Fields)> Read(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        int number = 0;
        foreach (string line in lines)
        {
            number++;
            if (line.Length != 0 && line[0] != '#')
            {
                yield return (number, line, line.Split('\t'));
            }
        }
    }
}
