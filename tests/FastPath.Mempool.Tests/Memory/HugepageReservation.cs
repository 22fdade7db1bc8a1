using FastPath.Mempool.Memory;
using FastPath.Testing;

namespace FastPath.Mempool.Tests.Memory;

/// <summary>
/// Sets the number of reserved 2 MiB hugepages for a test and restores it afterwards. Needs root. The count is
/// machine-wide, so the reservation holds <see cref="HugepageLock"/> exclusively from before it reads the counters
/// until after it restored them: no other test assembly (they run in parallel) changes or consumes the pages
/// meanwhile. Within this assembly its tests also run in the non-parallel <see cref="HugepageCollection"/>.
/// </summary>
internal sealed class HugepageReservation : IDisposable
{
    private const string Path = "/proc/sys/vm/nr_hugepages";
    private readonly HugepageLock _lock;
    private readonly long _previous;

    private HugepageReservation(Func<HugepageStatus, long> pages)
    {
        _lock = HugepageLock.Exclusive();
        _previous = long.Parse(File.ReadAllText(Path).Trim());
        File.WriteAllText(Path, pages(Status).ToString());
    }

    /// <summary>Whether this process may change the reservation.</summary>
    public static bool CanReserve => Environment.UserName == "root" && File.Exists(Path);

    /// <summary>The reservation now in force.</summary>
    public static HugepageStatus Status => HugepageStatus.Read();

    /// <summary>Reserves exactly <paramref name="pages"/> pages (0 to take them all away).</summary>
    public static HugepageReservation Set(long pages) => new(_ => pages);

    /// <summary>Reserves what is in use now plus <paramref name="pages"/> free pages.</summary>
    public static HugepageReservation WithFree(long pages) => new(status => status.Total - status.Free + pages);

    public void Dispose()
    {
        File.WriteAllText(Path, _previous.ToString());
        _lock.Dispose();
    }
}
