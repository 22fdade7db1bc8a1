using FastPath.Linux.Interop;

namespace FastPath.Linux.Threading;

/// <summary>The calling thread's CPU affinity, through libc's <c>sched_setaffinity</c> and <c>sched_getaffinity</c>.</summary>
public static unsafe class ThreadAffinity
{
    /// <summary>The highest core number the affinity mask covers.</summary>
    public const int MaxCore = 4095;

    private const int MaskBytes = (MaxCore + 1) / 8;

    /// <summary>The cores the calling thread may run on.</summary>
    /// <exception cref="InvalidOperationException">The kernel refused to tell.</exception>
    public static List<int> GetAllowedCores()
    {
        byte* mask = stackalloc byte[MaskBytes];
        new Span<byte>(mask, MaskBytes).Clear();
        if (LibC.sched_getaffinity(0, MaskBytes, mask) != 0)
        {
            throw new InvalidOperationException($"sched_getaffinity failed: {LibC.DescribeLastError()}.");
        }

        var cores = new List<int>();
        for (int core = 0; core <= MaxCore; core++)
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
        if (LibC.sched_setaffinity(0, MaskBytes, mask) != 0)
        {
            throw new InvalidOperationException($"Cannot pin a worker thread to core {core}: sched_setaffinity failed, {LibC.DescribeLastError()}.");
        }
    }
}
