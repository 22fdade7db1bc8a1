using System.Globalization;

namespace FastPath.Hosting.Diagnostics;

/// <summary>
/// What an application holds of the process at one moment: open file descriptors, garbage collections per
/// generation and the managed heap. The apps print one with every statistics table and compare the first and the
/// last at exit, so a leaked socket or a collection on the packet path shows in their output.
/// </summary>
/// <param name="OpenFiles">
/// Entries of <c>/proc/self/fd</c> (the descriptor used to list them included) other than the assemblies the runtime
/// keeps open: those it loads lazily on a code path taken late (at exit, say) are no leak.
/// </param>
/// <param name="Gen0">Collections of generation 0 so far (<see cref="GC.CollectionCount"/>).</param>
/// <param name="Gen1">Collections of generation 1 so far.</param>
/// <param name="Gen2">Collections of generation 2 so far.</param>
/// <param name="HeapBytes">Bytes the managed heap holds (<see cref="GC.GetTotalMemory"/> without collecting).</param>
public readonly record struct ProcessSnapshot(int OpenFiles, int Gen0, int Gen1, int Gen2, long HeapBytes)
{
    /// <summary>Takes a snapshot of the calling process.</summary>
    public static ProcessSnapshot Take() =>
        new(CountOpenFiles(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalMemory(forceFullCollection: false));

    private static int CountOpenFiles()
    {
        int count = 0;
        foreach (string entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            string? target = new FileInfo(entry).LinkTarget;
            count += target is not null && target.EndsWith(".dll", StringComparison.Ordinal) ? 0 : 1;
        }

        return count;
    }

    /// <summary>One line: <c>process: open fds N; gc collections gen0 N, gen1 N, gen2 N; gc heap N bytes</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"process: open fds {OpenFiles}; gc collections gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2}; gc heap {HeapBytes} bytes");
}
