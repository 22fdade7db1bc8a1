using System.Runtime.InteropServices;

namespace FastPath.Mempool.Memory;

/// <summary>The few libc memory calls the DMA allocator needs.</summary>
internal static unsafe partial class LibC
{
    public const int ProtRead = 0x1;
    public const int ProtWrite = 0x2;
    public const int MapShared = 0x01;
    public const int MapPrivate = 0x02;
    public const int MapAnonymous = 0x20;
    public const int MapLocked = 0x2000;
    public const int MapPopulate = 0x8000;
    public const int MapHugetlb = 0x40000;
    public const int MapHugeShift = 26;
    public static readonly nint MapFailed = -1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int munmap(nint address, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int mlock(nint address, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int munlock(nint address, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getpagesize();

    /// <summary>Describes the last libc error of the calling thread, e.g. "ENOMEM (12): Cannot allocate memory".</summary>
    public static string LastErrorText()
    {
        int errno = Marshal.GetLastPInvokeError();
        return $"errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}";
    }
}
