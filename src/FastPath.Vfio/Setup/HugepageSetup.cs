using System.Globalization;
using FastPath.Linux.Interop;
using FastPath.Mempool.Memory;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Setup;

/// <summary>Reserves 2 MiB hugepages (<c>/proc/sys/vm/nr_hugepages</c>) and mounts hugetlbfs. Needs root.</summary>
public sealed class HugepageSetup
{
    private readonly VfioEnvironment _environment;

    /// <summary>Works on <paramref name="environment"/> (the real machine when null).</summary>
    public HugepageSetup(VfioEnvironment? environment = null) => _environment = environment ?? VfioEnvironment.Host;

    /// <summary>Sets the pool of default-size hugepages to <paramref name="count"/> pages.</summary>
    /// <returns>How many pages the kernel reserved.</returns>
    /// <exception cref="VfioException">Not root, or the kernel found fewer free contiguous pages than asked; the message names the fix.</exception>
    public long Reserve(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        string path = Path.Combine(_environment.ProcRoot, "sys", "vm", "nr_hugepages");
        try
        {
            _environment.WriteSetting(path, count.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new VfioException($"Cannot write {path}: {e.Message} Reserving hugepages needs root: run with sudo.");
        }

        long reserved = long.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);
        if (reserved < count)
        {
            throw new VfioException($"Only {reserved} of {count} hugepages could be reserved: memory is too fragmented or too small. Reserve them at boot with hugepages={count} on the kernel command line, or drop caches (`echo 3 > /proc/sys/vm/drop_caches`) and retry.");
        }

        return reserved;
    }

    /// <summary>The hugepage counters under the environment's procfs.</summary>
    public HugepageStatus ReadStatus() => HugepageStatus.Parse(File.ReadAllText(Path.Combine(_environment.ProcRoot, "meminfo")));

    /// <summary>Whether a hugetlbfs is mounted at <paramref name="mountPoint"/> (per <c>/proc/mounts</c>).</summary>
    public bool IsMounted(string mountPoint)
    {
        string mounts = Path.Combine(_environment.ProcRoot, "mounts");
        string wanted = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountPoint));
        return File.Exists(mounts) && File.ReadLines(mounts)
            .Select(line => line.Split(' '))
            .Any(fields => fields.Length > 2 && fields[2] == "hugetlbfs" && fields[1] == wanted);
    }

    /// <summary>Mounts hugetlbfs (2 MiB pages) at <paramref name="mountPoint"/>, creating the directory.</summary>
    /// <returns>False when it was already mounted there.</returns>
    public bool Mount(string mountPoint)
    {
        if (IsMounted(mountPoint))
        {
            return false;
        }

        Directory.CreateDirectory(mountPoint);
        if (LibC.mount("nodev", mountPoint, "hugetlbfs", 0, "pagesize=2M") != 0)
        {
            throw VfioException.FromLastError($"mount -t hugetlbfs nodev {mountPoint}", "Mounting needs root (CAP_SYS_ADMIN): run with sudo.");
        }

        return true;
    }
}
