using System.Runtime.CompilerServices;

namespace FastPath.Mempool.Pools;

/// <summary>
/// The logical core ("lcore") the calling thread works as. A worker thread pinned to a core declares its lcore id
/// once; pools then give it a private cache, so that its allocations and frees rarely touch shared state.
/// Threads that declared nothing use the pools' shared rings directly.
/// </summary>
public static class Lcore
{
    /// <summary>The highest number of lcores a process can have.</summary>
    public const int MaxCount = 128;

    /// <summary>The id of a thread that is not an lcore.</summary>
    public const int None = -1;

    [ThreadStatic]
    private static int t_idPlusOne;

    /// <summary>The calling thread's lcore id, or <see cref="None"/>.</summary>
    public static int CurrentId
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => t_idPlusOne - 1;
    }

    /// <summary>Declares the calling thread to be lcore <paramref name="id"/> (or none, with <see cref="None"/>).</summary>
    public static void SetCurrent(int id)
    {
        if (id != None && (uint)id >= MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(id), $"An lcore id must be from 0 to {MaxCount - 1}; {id} was given.");
        }

        t_idPlusOne = id + 1;
    }
}
