namespace FastPath.Mempool.Memory;

/// <summary>The hugepage counters of <c>/proc/meminfo</c>.</summary>
/// <param name="Total">HugePages_Total: pages reserved in the pool.</param>
/// <param name="Free">HugePages_Free: pages not yet faulted in by anyone.</param>
/// <param name="PageSize">Hugepagesize in bytes.</param>
public readonly record struct HugepageStatus(long Total, long Free, long PageSize)
{
    /// <summary>The size this engine allocates hugepages in: 2 MiB.</summary>
    public const long DefaultPageSize = 2 * 1024 * 1024;

    /// <summary>Reads the current counters.</summary>
    public static HugepageStatus Read() => Parse(File.ReadAllText("/proc/meminfo"));

    /// <summary>Parses text in the format of <c>/proc/meminfo</c>.</summary>
    public static HugepageStatus Parse(string meminfo)
    {
        long total = 0, free = 0, size = DefaultPageSize;
        foreach (string line in meminfo.Split('\n'))
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                continue;
            }

            switch (parts[0])
            {
                case "HugePages_Total:":
                    total = long.Parse(parts[1]);
                    break;
                case "HugePages_Free:":
                    free = long.Parse(parts[1]);
                    break;
                case "Hugepagesize:":
                    size = long.Parse(parts[1]) * 1024;
                    break;
            }
        }

        return new HugepageStatus(total, free, size);
    }

    /// <summary>The command that reserves <paramref name="pages"/> hugepages, for error messages.</summary>
    public static string ReserveCommand(long pages) => $"echo {pages} > /proc/sys/vm/nr_hugepages (as root)";
}
