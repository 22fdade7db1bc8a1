using FastPath.Vfio.Interop;

namespace FastPath.Vfio;

/// <summary>A VFIO or PCI operation failed; the message names the cause and the fix.</summary>
public sealed class VfioException : IOException
{
    /// <summary>Creates an exception with a message and the errno that caused it (0 when none).</summary>
    public VfioException(string message, int errno = 0)
        : base(message)
    {
        Errno = errno;
    }

    /// <summary>The Linux errno of the failed call, or 0 when the failure was not a system call.</summary>
    public int Errno { get; }

    /// <summary>Creates an exception for the errno of the last failed call on this thread, naming <paramref name="operation"/> and <paramref name="fix"/>.</summary>
    internal static VfioException FromLastError(string operation, string? fix = null)
    {
        int errno = LibC.LastError;
        return new VfioException(fix is null ? $"{operation} failed: {LibC.Describe(errno)}." : $"{operation} failed: {LibC.Describe(errno)}. {fix}", errno);
    }
}
