using FastPath.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace FastPath.Linux.Events;

/// <summary>
/// A Linux eventfd: a 64-bit counter the kernel (e.g. a VFIO interrupt) or another thread adds to and a reader
/// drains. Non-blocking by default, for use with <see cref="EpollWaiter"/>.
/// </summary>
public sealed unsafe class EventFd : SafeHandleMinusOneIsInvalid
{
    /// <summary>Creates an invalid handle for the marshaller.</summary>
    public EventFd()
        : base(ownsHandle: true)
    {
    }

    private EventFd(int fd)
        : base(ownsHandle: true)
    {
        SetHandle(fd);
    }

    /// <summary>The descriptor number, for VFIO_DEVICE_SET_IRQS.</summary>
    public int Fd => (int)handle;

    /// <summary>Creates an eventfd with counter <paramref name="initialValue"/>.</summary>
    public static EventFd Create(bool nonBlocking = true, uint initialValue = 0)
    {
        int fd = LibC.eventfd(initialValue, LibC.EventFdCloseOnExec | (nonBlocking ? LibC.EventFdNonBlocking : 0));
        return fd >= 0 ? new EventFd(fd) : throw LinuxException.FromLastError("eventfd", "The process ran out of file descriptors: raise `ulimit -n`.");
    }

    /// <summary>Adds <paramref name="value"/> to the counter, waking readers.</summary>
    public void Signal(ulong value = 1)
    {
        if (LibC.write(this, &value, sizeof(ulong)) != sizeof(ulong))
        {
            throw LinuxException.FromLastError($"write to eventfd {Fd}");
        }
    }

    /// <summary>Drains the counter without blocking.</summary>
    /// <returns>True with the count of events since the last read, or false when none happened.</returns>
    public bool TryRead(out ulong count)
    {
        ulong value = 0;
        while (LibC.read(this, &value, sizeof(ulong)) != sizeof(ulong))
        {
            int errno = LibC.LastError;
            if (errno == LibC.ErrorInterrupted)
            {
                continue;
            }

            if (errno == LibC.ErrorTryAgain)
            {
                count = 0;
                return false;
            }

            throw new LinuxException($"read from eventfd {Fd} failed: {LibC.Describe(errno)}.", errno);
        }

        count = value;
        return true;
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibC.close((int)handle) == 0;
}
