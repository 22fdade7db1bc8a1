using FastPath.Mempool.Memory;

namespace FastPath.Mempool.Tests.Memory;

/// <summary>
/// Sets the number of reserved 2 MiB hugepages for a test and restores it afterwards. Needs root; tests that
/// use it run in the non-parallel <see cref="HugepageCollection"/> because the count is machine-wide.
/// </summary>
internal sealed class HugepageReservation : IDisposable
{
    private const string Path = "/proc/sys/vm/nr_hugepages";
    private readonly long _previous;

    private HugepageReservation(long pages)
    {
        _previous = long.Parse(File.ReadAllText(Path).Trim());
        File.WriteAllText(Path, pages.ToString());
    }

    /// <summary>Whether this process may change the reservation.</summary>
    public static bool CanReserve => Environment.UserName == "root" && File.Exists(Path);

    /// <summary>Reserves exactly <paramref name="pages"/> pages (0 to take them all away).</summary>
    public static HugepageReservation Set(long pages) => new(pages);

    /// <summary>The reservation now in force.</summary>
    public static HugepageStatus Status => HugepageStatus.Read();

    public void Dispose() => File.WriteAllText(Path, _previous.ToString());
}
