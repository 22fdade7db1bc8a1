using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Setup;

/// <summary>
/// Where <see cref="VfioEnvironmentCheck"/>, <see cref="DeviceBinder"/> and <see cref="HugepageSetup"/> look:
/// the sysfs, /dev and /proc roots and the process facts they cannot read from files. Tests replace all of it.
/// </summary>
public sealed record VfioEnvironment
{
    /// <summary>The sysfs mount point.</summary>
    public string SysfsRoot { get; init; } = "/sys";

    /// <summary>The devtmpfs mount point.</summary>
    public string DevRoot { get; init; } = "/dev";

    /// <summary>The procfs mount point.</summary>
    public string ProcRoot { get; init; } = "/proc";

    /// <summary>Whether the process runs as root (and so has CAP_IPC_LOCK and may open any device node).</summary>
    public bool IsRoot { get; init; } = LibC.geteuid() == 0;

    /// <summary>Reads RLIMIT_MEMLOCK: the soft limit in bytes, <see cref="ulong.MaxValue"/> when unlimited.</summary>
    public Func<ulong> LockedMemoryLimit { get; init; } = ReadLockedMemoryLimit;

    /// <summary>Whether this process may open a path for reading and writing.</summary>
    public Func<string, bool> CanReadWrite { get; init; } = static path => LibC.access(path, LibC.AccessRead | LibC.AccessWrite) == 0;

    /// <summary>Loads a kernel module by name (default: runs <c>modprobe</c>); returns the exit code.</summary>
    public Func<string, int> LoadModule { get; init; } = RunModprobe;

    /// <summary>
    /// Writes a value into a kernel setting such as <c>/proc/sys/vm/nr_hugepages</c> (default: an ordinary file
    /// write). The kernel may apply less than was written, which a later read shows; a fake system decides that here.
    /// </summary>
    public Action<string, string> WriteSetting { get; init; } = File.WriteAllText;

    /// <summary>The real machine.</summary>
    public static VfioEnvironment Host { get; } = new();

    /// <summary>The VFIO device directory, <c>/dev/vfio</c>.</summary>
    public string VfioDirectory => Path.Combine(DevRoot, "vfio");

    /// <summary>The VFIO container device, <c>/dev/vfio/vfio</c>.</summary>
    public string ContainerPath => Path.Combine(VfioDirectory, "vfio");

    private static unsafe ulong ReadLockedMemoryLimit()
    {
        ResourceLimit limit;
        if (LibC.getrlimit(LibC.ResourceLimitMemoryLock, &limit) != 0)
        {
            throw VfioException.FromLastError("getrlimit(RLIMIT_MEMLOCK)");
        }

        return limit.Current;
    }

    private static int RunModprobe(string module)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("modprobe", module) { UseShellExecute = false });
            if (process is null)
            {
                return -1;
            }

            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
