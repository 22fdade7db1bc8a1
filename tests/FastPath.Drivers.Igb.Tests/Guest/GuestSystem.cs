using System.Globalization;
using FastPath.Vfio.Pci;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>What the guest kernel says about hugepages, VFIO groups and the processes that hold them.</summary>
public static class GuestSystem
{
    /// <summary>Checks <paramref name="condition"/> every 100 ms until it holds or <paramref name="timeout"/> passes, leaving the guest's one vCPU to the apps meanwhile.</summary>
    public static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            Thread.Sleep(100);
        }

        return true;
    }

    /// <summary>HugePages_Free from /proc/meminfo.</summary>
    public static long FreeHugepages()
    {
        string line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("HugePages_Free:", StringComparison.Ordinal));
        return long.Parse(line["HugePages_Free:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>The VFIO group device node of <paramref name="nic"/>: /dev/vfio/N.</summary>
    public static string GroupDevice(PciAddress nic) =>
        Path.Combine("/dev/vfio", Path.GetFileName(new DirectoryInfo($"/sys/bus/pci/devices/{nic}/iommu_group").ResolveLinkTarget(true)!.FullName));

    /// <summary>Files under /dev/hugepages (hugetlbfs): FastPath maps anonymous hugepages, so none may stay behind.</summary>
    public static IReadOnlyList<string> HugepageFiles() => Directory.EnumerateFileSystemEntries("/dev/hugepages", "*", SearchOption.AllDirectories).ToList();

    /// <summary>Every "pid: fd -> target" of any process whose open descriptors point into /dev/vfio.</summary>
    public static IReadOnlyList<string> VfioHolders()
    {
        var holders = new List<string>();
        foreach (string process in Directory.EnumerateDirectories("/proc"))
        {
            string pid = Path.GetFileName(process);
            if (!int.TryParse(pid, out int id) || id == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                foreach (string fd in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                {
                    string? target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("/dev/vfio/", StringComparison.Ordinal))
                    {
                        holders.Add($"{pid}: {Path.GetFileName(fd)} -> {target}");
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process exited while being read.
            }
        }

        return holders;
    }

    /// <summary>The Uid line of /proc/PID/status (real, effective, saved, filesystem uid).</summary>
    public static string Uids(int pid) => File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal))["Uid:".Length..].Trim();
}
