using FastPath.Linux.Interop;

namespace FastPath.Linux.Events;

/// <summary>
/// A Linux timerfd on the monotonic clock: readable once its one-shot expiry has passed, so an lcore waiting in
/// <see cref="EpollWaiter"/> wakes when a timed source (a pcap replay honouring its capture times) has its next frame
/// due. Non-blocking; each expiry is consumed by <see cref="TryRead"/>.
/// </summary>
public sealed unsafe class TimerFd : CounterFd
{
    /// <summary>Creates an invalid handle for the marshaller.</summary>
    public TimerFd()
    {
    }

    private TimerFd(int fd)
        : base(fd)
    {
    }

    /// <summary>Creates a disarmed timer.</summary>
    public static TimerFd Create()
    {
        int fd = LibC.timerfd_create(LibC.ClockMonotonic, LibC.TimerFdCloseOnExec | LibC.TimerFdNonBlocking);
        return fd >= 0 ? new TimerFd(fd) : throw LinuxException.FromLastError("timerfd_create", "The process ran out of file descriptors: raise `ulimit -n`.");
    }

    /// <summary>Arms the timer to expire once, <paramref name="delay"/> from now (at least a nanosecond: zero would disarm it).</summary>
    public void ExpireAfter(TimeSpan delay)
    {
        long nanoseconds = Math.Max(1, (long)(delay.Ticks * 100));
        Set(new TimerSpecification { ValueSeconds = nanoseconds / 1_000_000_000, ValueNanoseconds = nanoseconds % 1_000_000_000 });
    }

    /// <summary>Disarms the timer; an expiry not yet read stays readable until <see cref="TryRead"/>.</summary>
    public void Disarm() => Set(default);

    /// <summary>Consumes the expiries since the last read without blocking.</summary>
    /// <returns>True with their count, or false when the timer has not expired.</returns>
    public bool TryRead(out ulong expirations) => TryReadCounter("timerfd", out expirations);

    private void Set(TimerSpecification specification)
    {
        if (LibC.timerfd_settime(this, 0, &specification, null) != 0)
        {
            throw LinuxException.FromLastError($"timerfd_settime on {Fd}");
        }
    }
}
