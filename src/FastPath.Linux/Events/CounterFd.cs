using FastPath.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace FastPath.Linux.Events;

/// <summary>
/// A descriptor whose read yields one 64-bit counter and resets it: an eventfd's count or a timerfd's expiries. Both
/// are non-blocking here, so a read of a zero counter fails with EAGAIN, which <see cref="TryReadCounter"/> turns into
/// false.
/// </summary>
public abstract unsafe class CounterFd : SafeHandleMinusOneIsInvalid
{
    /// <summary>Creates an invalid handle for the marshaller.</summary>
    private protected CounterFd()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of <paramref name="fd"/>.</summary>
    private protected CounterFd(int fd)
        : base(ownsHandle: true)
    {
        SetHandle(fd);
    }

    /// <summary>The descriptor number.</summary>
    public int Fd => (int)handle;

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibC.close((int)handle) == 0;

    /// <summary>Reads and resets the counter without blocking, retrying on EINTR.</summary>
    /// <param name="kind">The descriptor's kind for the error message: <c>eventfd</c>, <c>timerfd</c>.</param>
    /// <param name="value">The counter, or 0 when it was zero.</param>
    /// <returns>False when the counter was zero.</returns>
    /// <exception cref="LinuxException">The read failed otherwise.</exception>
    private protected bool TryReadCounter(string kind, out ulong value)
    {
        ulong counter = 0;
        while (LibC.read(this, &counter, sizeof(ulong)) != sizeof(ulong))
        {
            int errno = LibC.LastError;
            if (errno == LibC.ErrorInterrupted)
            {
                continue;
            }

            if (errno == LibC.ErrorTryAgain)
            {
                value = 0;
                return false;
            }

            throw new LinuxException($"read from {kind} {Fd} failed: {LibC.Describe(errno)}.", errno);
        }

        value = counter;
        return true;
    }
}
