using FastPath.Mempool.Pools;

namespace FastPath.Pools;

/// <summary>
/// The leak check at exit: once every port is stopped and disposed, every buffer of every mempool must be back.
/// </summary>
public static class PoolAudit
{
    /// <summary>Checks <paramref name="pools"/>.</summary>
    /// <returns>Whether all buffers are back, and one line per pool saying so or how many are missing.</returns>
    public static (bool AllReturned, IReadOnlyList<string> Lines) Check(IEnumerable<PacketPool> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        bool ok = true;
        var lines = new List<string>();
        foreach (PacketPool pool in pools)
        {
            int inUse = pool.InUse;
            ok &= inUse == 0;
            lines.Add(inUse == 0
                ? $"mempool '{pool.Name}': all {pool.Capacity} buffers returned"
                : $"mempool '{pool.Name}': {inUse} of {pool.Capacity} buffers NOT returned (leak)");
        }

        return (ok, lines);
    }
}
