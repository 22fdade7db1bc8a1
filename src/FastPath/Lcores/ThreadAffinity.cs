using System.Runtime.InteropServices;

namespace FastPath.Lcores;

/// <summary>The calling thread's CPU affinity, through libc's <c>sched_setaffinity</c> and <c>sched_getaffinity</c>.</summary>
internal static unsafe partial class ThreadAffinity
{
    private const int MaskBytes = (CoreList.MaxCore + 1) / 8;

    /// <summary>The cores the calling thread may run on.</summary>
    /// <exception cref="InvalidOperationException">The kernel refused to tell.</exception>
    public static List<int> GetAllowedCores()
    {
        byte* mask = stackalloc byte[MaskBytes];
        new Span<byte>(mask, MaskBytes).Clear();
        if (sched_getaffinity(0, MaskBytes, mask) != 0)
        {
            throw new InvalidOperationException($"sched_getaffinity failed: {LastErrorText()}.");
        }

        var cores = new List<int>();
        for (int core = 0; core <= CoreList.MaxCore; core++)
        {
            if ((mask[core >> 3] & (1 << (core & 7))) != 0)
            {
                cores.Add(core);
            }
        }

        return cores;
    }

    /// <summary>Restricts the calling thread to <paramref name="core"/>.</summary>
    /// <exception cref="InvalidOperationException">The kernel refused.</exception>
    public static void PinCurrentThread(int core)
    {
        byte* mask = stackalloc byte[MaskBytes];
        new Span<byte>(mask, MaskBytes).Clear();
        mask[core >> 3] = (byte)(1 << (core & 7));
        if (sched_setaffinity(0, MaskBytes, mask) != 0)
        {
            throw new InvalidOperationException($"Cannot pin a worker thread to core {core}: sched_setaffinity failed, {LastErrorText()}.");
        }
    }

    private static string LastErrorText()
    {
        int errno = Marshal.GetLastPInvokeError();
        return $"errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})";
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setaffinity(int pid, nuint cpusetsize, byte* mask);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_getaffinity(int pid, nuint cpusetsize, byte* mask);
}
