using System.Runtime.InteropServices;
using FastPath.Linux;

namespace FastPath.Testing;

/// <summary>
/// Serializes the use of the machine's 2 MiB hugepages across test assemblies, which <c>dotnet test</c> runs in
/// parallel processes: an <c>flock</c> on <see cref="Path"/>. A test that changes <c>nr_hugepages</c> or counts
/// <c>HugePages_Free</c> holds it exclusively; a test that only may consume hugepages (an app under the default
/// Prefer policy) holds it shared, so it cannot take the pages another test reserved for itself or change the
/// count that test reads. Linked into each suite that touches hugepages.
/// </summary>
internal sealed partial class HugepageLock : IDisposable
{
    /// <summary>The lock file, the same for every assembly and every worktree on the machine.</summary>
    public const string Path = "/tmp/fastpath-hugepages.lock";

    private const int OpenReadWrite = 0x2, OpenCreate = 0x40, OpenCloseOnExec = 0x80000;
    private const int LockShared = 1, LockExclusive = 2;
    private static int s_exclusiveHolders;

    private readonly FileDescriptorHandle _file;
    private readonly bool _exclusive;

    private HugepageLock(bool exclusive)
    {
        int fd = open(Path, OpenReadWrite | OpenCreate | OpenCloseOnExec, 0x1b6);
        if (fd < 0)
        {
            throw new IOException($"Cannot open the hugepage test lock {Path}: errno {Marshal.GetLastPInvokeError()}. Remove the file if another user owns it.");
        }

        _file = new FileDescriptorHandle(fd);
        while (flock(_file, exclusive ? LockExclusive : LockShared) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != 4)
            {
                _file.Dispose();
                throw new IOException($"flock({Path}) failed: errno {errno}.");
            }
        }

        _exclusive = exclusive;
        if (exclusive)
        {
            Interlocked.Increment(ref s_exclusiveHolders);
        }
    }

    /// <summary>
    /// Whether this process holds the lock exclusively: its own children then run under that lock and must not ask
    /// for a shared one (which would wait for the exclusive holder, that is, forever).
    /// </summary>
    public static bool HeldExclusivelyHere => Volatile.Read(ref s_exclusiveHolders) > 0;

    /// <summary>Waits until no other test uses hugepages, then keeps them to the caller until disposed.</summary>
    public static HugepageLock Exclusive() => new(exclusive: true);

    /// <summary>Waits until no test holds the hugepages exclusively, then keeps others from doing so until disposed.</summary>
    public static HugepageLock Shared() => new(exclusive: false);

    public void Dispose()
    {
        if (_file.IsClosed)
        {
            return;
        }

        _file.Dispose();
        if (_exclusive)
        {
            Interlocked.Decrement(ref s_exclusiveHolders);
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(FileDescriptorHandle fd, int operation);
}
