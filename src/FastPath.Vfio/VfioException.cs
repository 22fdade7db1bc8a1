using FastPath.Linux;
using FastPath.Linux.Interop;

namespace FastPath.Vfio;

/// <summary>A VFIO or PCI operation failed; the message names the cause and the fix.</summary>
public sealed class VfioException : LinuxException
{
    /// <summary>Creates an exception with a message and the errno that caused it (0 when none).</summary>
    public VfioException(string message, int errno = 0)
        : base(message, errno)
    {
    }

    /// <summary>Creates an exception for the errno of the last failed call on this thread, naming <paramref name="operation"/> and <paramref name="fix"/>.</summary>
    internal static new VfioException FromLastError(string operation, string? fix = null)
    {
        int errno = LibC.LastError;
        return new VfioException(Describe(operation, errno, fix), errno);
    }
}
