using System.Globalization;
using FastPath.Linux;
using FastPath.Linux.Interop;

namespace FastPath.Hosting.Diagnostics;

/// <summary>
/// What an application holds of the process at one moment: open file descriptors, garbage collections per
/// generation and the managed heap. The apps print one with every statistics table and compare the first and the
/// last at exit, so a leaked socket or a collection on the packet path shows in their output. Taking and printing one
/// allocates nothing on the managed heap, so the line itself never causes the collections it reports.
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
    private const int EntryBufferBytes = 4096;
    private const int LinkBufferBytes = 512;

    // One descriptor on /proc/self/fd, opened by the first snapshot and rewound by each later one: listing the
    // directory then needs neither a new handle nor managed strings for the entries.
    private static readonly Lock s_lock = new();
    private static FileDescriptorHandle? s_directory;

    /// <summary>Takes a snapshot of the calling process.</summary>
    public static ProcessSnapshot Take() =>
        new(CountOpenFiles(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalMemory(forceFullCollection: false));

    /// <summary>
    /// Writes one line, <c>process: open fds N; gc collections gen0 N, gen1 N, gen2 N; gc heap N bytes</c> (scripts such
    /// as bench/soak/run.sh parse it), to <paramref name="output"/> without allocating.
    /// </summary>
    public void WriteTo(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<char> line = stackalloc char[256];
        int written = 0;
        Text(line, ref written, "process: open fds ");
        Number(line, ref written, OpenFiles);
        Text(line, ref written, "; gc collections gen0 ");
        Number(line, ref written, Gen0);
        Text(line, ref written, ", gen1 ");
        Number(line, ref written, Gen1);
        Text(line, ref written, ", gen2 ");
        Number(line, ref written, Gen2);
        Text(line, ref written, "; gc heap ");
        Number(line, ref written, HeapBytes);
        Text(line, ref written, " bytes");
        output.WriteLine(line[..written]);

        // Numbers format with long.TryFormat directly: an interpolation handler's generic methods box their argument
        // until the JIT has optimised them.
        static void Text(Span<char> line, ref int at, string text)
        {
            text.CopyTo(line[at..]);
            at += text.Length;
        }

        static void Number(Span<char> line, ref int at, long value)
        {
            value.TryFormat(line[at..], out int length, default, CultureInfo.InvariantCulture);
            at += length;
        }
    }

    private static unsafe int CountOpenFiles()
    {
        lock (s_lock)
        {
            FileDescriptorHandle directory = s_directory ??= OpenDirectory();
            if (LibC.lseek(directory, 0, LibC.SeekSet) < 0)
            {
                throw new IOException($"Rewinding /proc/self/fd failed: {LibC.DescribeLastError()}.");
            }

            byte* entries = stackalloc byte[EntryBufferBytes];
            byte* target = stackalloc byte[LinkBufferBytes];
            int count = 0;
            while (true)
            {
                nint length = LibC.getdents64(directory, entries, EntryBufferBytes);
                if (length < 0)
                {
                    throw new IOException($"Listing /proc/self/fd failed: {LibC.DescribeLastError()}.");
                }

                if (length == 0)
                {
                    return count;
                }

                // struct linux_dirent64: d_ino (8 bytes), d_off (8), d_reclen (2), d_type (1), then the name.
                for (nint offset = 0; offset < length; offset += *(ushort*)(entries + offset + 16))
                {
                    byte* name = entries + offset + 19;
                    if (name[0] == (byte)'.')
                    {
                        continue;
                    }

                    // A descriptor closed since the listing (readlinkat fails) still counts, as one that is not an assembly.
                    nint targetLength = LibC.readlinkat(directory, name, target, LinkBufferBytes);
                    bool isAssembly = targetLength > 0 && new ReadOnlySpan<byte>(target, (int)targetLength).EndsWith(".dll"u8);
                    count += isAssembly ? 0 : 1;
                }
            }
        }
    }

    private static FileDescriptorHandle OpenDirectory()
    {
        int fd = LibC.open("/proc/self/fd", LibC.OpenCloseOnExec);
        return fd >= 0 ? new FileDescriptorHandle(fd) : throw new IOException($"Opening /proc/self/fd failed: {LibC.DescribeLastError()}.");
    }
}
