using System.Runtime.CompilerServices;

namespace FastPath.Mempool.Pools;

/// <summary>
/// The logical core ("lcore") the calling thread works as. A worker thread pinned to a core claims its lcore id once;
/// pools then give it a private cache, so that its allocations and frees rarely touch shared state. An lcore id is
/// owned by one live thread at a time: a second thread that claims it gets an error. Releasing the id (or claiming
/// another) flushes the lcore's caches back to their pools, so that no buffer stays parked in a cache nobody uses.
/// Threads that claimed nothing use the pools' shared rings directly.
/// </summary>
public static class Lcore
{
    /// <summary>The highest number of lcores a process can have.</summary>
    public const int MaxCount = 128;

    /// <summary>The id of a thread that is not an lcore.</summary>
    public const int None = -1;

    private static readonly Thread?[] s_owners = new Thread?[MaxCount];
    private static readonly Lock s_lock = new();

    [ThreadStatic]
    private static int t_idPlusOne;

    /// <summary>The calling thread's lcore id, or <see cref="None"/>.</summary>
    public static int CurrentId
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => t_idPlusOne - 1;
    }

    /// <summary>
    /// Makes the calling thread lcore <paramref name="id"/>, releasing the id it held before (with
    /// <see cref="None"/>, only releases). A claim left by a thread that has exited is taken over, and that lcore's
    /// caches are flushed first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is not from 0 to <see cref="MaxCount"/> − 1.</exception>
    /// <exception cref="InvalidOperationException">Another live thread owns the id.</exception>
    public static void SetCurrent(int id)
    {
        if (id != None && (uint)id >= MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(id), $"An lcore id must be from 0 to {MaxCount - 1}; {id} was given.");
        }

        int previous = CurrentId;
        if (id == previous)
        {
            return;
        }

        lock (s_lock)
        {
            if (id != None)
            {
                Thread? owner = s_owners[id];
                if (owner is not null && owner.IsAlive)
                {
                    throw new InvalidOperationException($"Lcore {id} is owned by thread '{owner.Name ?? owner.ManagedThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture)}'; an lcore id belongs to one thread at a time. Release it on that thread (Lcore.SetCurrent(Lcore.None)) or use another lcore id.");
                }

                if (owner is not null)
                {
                    PacketPool.FlushLcoreCaches(id);
                }

                s_owners[id] = Thread.CurrentThread;
            }

            if (previous != None)
            {
                PacketPool.FlushLcoreCaches(previous);
                s_owners[previous] = null;
            }
        }

        t_idPlusOne = id + 1;
    }
}
