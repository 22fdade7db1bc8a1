using System.Globalization;

namespace FastPath.Lcores;

/// <summary>
/// Parses CPU core lists in the Linux and DPDK notation: comma-separated cores and inclusive ranges,
/// e.g. <c>2,3</c>, <c>0-3</c> or <c>0-1,4,6-7</c>.
/// </summary>
public static class CoreList
{
    /// <summary>The highest core number accepted.</summary>
    public const int MaxCore = 4095;

    /// <summary>
    /// Parses a core list meant for workers: every core may appear once, since two busy-polling workers on one
    /// core would each get half of it.
    /// </summary>
    /// <returns>The cores in the order given.</returns>
    /// <exception cref="FormatException">The text is not a core list, or names a core twice.</exception>
    public static int[] Parse(string text)
    {
        List<int> cores = ParseAllowingDuplicates(text);
        var seen = new HashSet<int>();
        foreach (int core in cores)
        {
            if (!seen.Add(core))
            {
                throw new FormatException($"Core {core} appears twice in the core list '{text}': two workers on one core would halve both; list each core once.");
            }
        }

        return [.. cores];
    }

    /// <summary>Parses a core list as the kernel prints it (in sysfs), where overlaps are not an error.</summary>
    /// <exception cref="FormatException">The text is not a core list.</exception>
    public static List<int> ParseAllowingDuplicates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cores = new List<int>();
        if (text.Trim().Length == 0)
        {
            throw new FormatException("The core list is empty; give cores such as 2,3 or a range such as 0-3.");
        }

        foreach (string rawPart in text.Split(','))
        {
            string part = rawPart.Trim();
            int dash = part.IndexOf('-');
            if (dash < 0)
            {
                cores.Add(ParseCore(part, text));
                continue;
            }

            int first = ParseCore(part[..dash], text);
            int last = ParseCore(part[(dash + 1)..], text);
            if (last < first)
            {
                throw new FormatException($"The range '{part}' in core list '{text}' runs backwards; write it as {last}-{first}.");
            }

            for (int core = first; core <= last; core++)
            {
                cores.Add(core);
            }
        }

        return cores;
    }

    /// <summary>Formats cores compactly, with ranges: 0,1,2,5 gives "0-2,5".</summary>
    public static string Format(IEnumerable<int> cores)
    {
        int[] sorted = [.. cores.Distinct().Order()];
        var parts = new List<string>();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? sorted[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }

        return string.Join(',', parts);
    }

    private static int ParseCore(string part, string text)
    {
        if (part.Length == 0 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int core) || core > MaxCore)
        {
            throw new FormatException($"'{part}' in core list '{text}' is not a core number; expected cores such as 2,3 or ranges such as 0-3.");
        }

        return core;
    }
}
