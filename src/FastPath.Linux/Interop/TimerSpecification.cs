// Each member mirrors the libc function, constant or struct member of the C name it carries; the man pages document them.
#pragma warning disable CS1591

using System.Runtime.InteropServices;

namespace FastPath.Linux.Interop;

/// <summary><c>struct itimerspec</c> of <c>timerfd_settime</c>: the reload interval, then the first expiry (two <c>struct timespec</c>).</summary>
[NativeName("struct itimerspec")]
[StructLayout(LayoutKind.Sequential)]
public struct TimerSpecification
{
    [NativeName("it_interval.tv_sec")]
    public long IntervalSeconds;

    [NativeName("it_interval.tv_nsec")]
    public long IntervalNanoseconds;

    [NativeName("it_value.tv_sec")]
    public long ValueSeconds;

    [NativeName("it_value.tv_nsec")]
    public long ValueNanoseconds;
}
