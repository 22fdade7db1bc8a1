using FastPath.Linux.Interop;

namespace FastPath.Linux;

/// <summary>A Linux system call failed; the message names the call, the errno and, where one is known, the fix.</summary>
public class LinuxException : IOException
{
    /// <summary>Creates an exception with a message and the errno that caused it (0 when none).</summary>
    public LinuxException(string message, int errno = 0)
        : base(message)
    {
        Errno = errno;
    }

    /// <summary>The Linux errno of the failed call, or 0 when the failure was not a system call.</summary>
    public int Errno { get; }

    /// <summary>Creates an exception for the errno of the last failed call on this thread, naming <paramref name="operation"/> and <paramref name="fix"/>.</summary>
    public static LinuxException FromLastError(string operation, string? fix = null) => new(Describe(operation, LibC.LastError, fix), LibC.LastError);

    /// <summary>The message for <paramref name="operation"/> failing with <paramref name="errno"/>: "open(x) failed: errno 2 (No such file or directory). Fix."</summary>
    public static string Describe(string operation, int errno, string? fix) =>
        fix is null ? $"{operation} failed: {LibC.Describe(errno)}." : $"{operation} failed: {LibC.Describe(errno)}. {fix}";
}
