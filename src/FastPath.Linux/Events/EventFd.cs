using FastPath.Linux.Interop;

namespace FastPath.Linux.Events;

/// <summary>
/// A Linux eventfd: a 64-bit counter the kernel (e.g. a VFIO interrupt) or another thread adds to and a reader
/// drains. Non-blocking by default, for use with <see cref="EpollWaiter"/>.
/// </summary>
public sealed unsafe class EventFd : CounterFd
{
    /// <summary>Creates an invalid handle for the marshaller.</summary>
    public EventFd()
    {
    }

    private EventFd(int fd)
        : base(fd)
    {
    }

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
    public bool TryRead(out ulong count) => TryReadCounter("eventfd", out count);}
