// Each member mirrors the libc function, constant or struct member of the C name it carries; the man pages document them.
#pragma warning disable CS1591

using System.Runtime.InteropServices;
using FastPath.Linux.Events;

namespace FastPath.Linux.Interop;

/// <summary>
/// The one home of FastPath's libc calls and the constants they take: files and ioctls (VFIO), memory mapping and
/// locking (DMA memory, packet rings), eventfd and epoll (idle mode), sockets (AF_PACKET), resource limits and CPU
/// affinity. Constants carry the C name they mirror; a test compiles each against the system headers.
/// </summary>
public static unsafe partial class LibC
{

    [NativeName("O_RDWR")]
    public const int OpenReadWrite = 0x2;

    [NativeName("O_CLOEXEC")]
    public const int OpenCloseOnExec = 0x80000;

    [NativeName("PROT_READ")]
    public const int ProtRead = 0x1;

    [NativeName("PROT_WRITE")]
    public const int ProtWrite = 0x2;

    [NativeName("MAP_SHARED")]
    public const int MapShared = 0x01;

    [NativeName("MAP_PRIVATE")]
    public const int MapPrivate = 0x02;

    [NativeName("MAP_ANONYMOUS")]
    public const int MapAnonymous = 0x20;

    [NativeName("MAP_LOCKED")]
    public const int MapLocked = 0x2000;

    [NativeName("MAP_POPULATE")]
    public const int MapPopulate = 0x8000;

    [NativeName("MAP_HUGETLB")]
    public const int MapHugetlb = 0x40000;

    [NativeName("MAP_HUGE_SHIFT")]
    public const int MapHugeShift = 26;

    [NativeName("EFD_CLOEXEC")]
    public const int EventFdCloseOnExec = 0x80000;

    [NativeName("EFD_NONBLOCK")]
    public const int EventFdNonBlocking = 0x800;

    [NativeName("TFD_CLOEXEC")]
    public const int TimerFdCloseOnExec = 0x80000;

    [NativeName("TFD_NONBLOCK")]
    public const int TimerFdNonBlocking = 0x800;

    [NativeName("CLOCK_MONOTONIC")]
    public const int ClockMonotonic = 1;

    [NativeName("EPOLL_CLOEXEC")]
    public const int EpollCloseOnExec = 0x80000;

    [NativeName("EPOLL_CTL_ADD")]
    public const int EpollControlAdd = 1;

    [NativeName("EPOLL_CTL_DEL")]
    public const int EpollControlDelete = 2;

    [NativeName("EPOLLIN")]
    public const uint EpollIn = 0x001;

    [NativeName("RLIMIT_MEMLOCK")]
    public const int ResourceLimitMemoryLock = 8;

    [NativeName("RLIM_INFINITY")]
    public const ulong ResourceLimitInfinity = ulong.MaxValue;

    [NativeName("R_OK")]
    public const int AccessRead = 4;

    [NativeName("W_OK")]
    public const int AccessWrite = 2;

    [NativeName("EINTR")]
    public const int ErrorInterrupted = 4;

    [NativeName("EAGAIN")]
    public const int ErrorTryAgain = 11;

    [NativeName("EACCES")]
    public const int ErrorAccessDenied = 13;

    [NativeName("EPERM")]
    public const int ErrorNotPermitted = 1;

    [NativeName("ENOENT")]
    public const int ErrorNoEntry = 2;

    [NativeName("ENOMEM")]
    public const int ErrorOutOfMemory = 12;

    [NativeName("EEXIST")]
    public const int ErrorExists = 17;

    [NativeName("EBUSY")]
    public const int ErrorBusy = 16;

    [NativeName("EINVAL")]
    public const int ErrorInvalid = 22;

    [NativeName("ENOSPC")]
    public const int ErrorNoSpace = 28;

    /// <summary>What <c>mmap</c> returns on failure (<c>MAP_FAILED</c>).</summary>
    public static readonly nint MapFailed = -1;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [NativeName("SEEK_SET")]
    public const int SeekSet = 0;

    [LibraryImport("libc", SetLastError = true)]
    public static partial long lseek(FileDescriptorHandle fd, long offset, int whence);

    /// <summary>Reads directory entries (<c>struct linux_dirent64</c>: d_ino u64, d_off s64, d_reclen u16, d_type u8, d_name).</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial nint getdents64(FileDescriptorHandle directory, void* buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint readlinkat(FileDescriptorHandle directory, byte* path, byte* buffer, nuint size);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(FileDescriptorHandle fd, nuint request, nint argument);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(FileDescriptorHandle fd, nuint request, void* argument);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint pread(FileDescriptorHandle fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint pwrite(FileDescriptorHandle fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(CounterFd fd, void* buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(EventFd fd, void* buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint mmap(nint address, nuint length, int protection, int flags, FileDescriptorHandle fd, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int munmap(nint address, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int mlock(nint address, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int munlock(nint address, nuint length);

    [LibraryImport("libc")]
    public static partial int getpagesize();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setsockopt(FileDescriptorHandle socket, int level, int name, void* value, uint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getsockopt(FileDescriptorHandle socket, int level, int name, void* value, uint* length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int bind(FileDescriptorHandle socket, void* address, uint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint sendto(FileDescriptorHandle socket, void* buffer, nuint length, int flags, void* address, uint addressLength);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(PollDescriptor* descriptors, nuint count, int timeoutMs);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint if_nametoindex(string name);

    [LibraryImport("libc", SetLastError = true)]
    public static partial InterfaceNameIndex* if_nameindex();

    [LibraryImport("libc")]
    public static partial void if_freenameindex(InterfaceNameIndex* list);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sched_setaffinity(int pid, nuint cpusetsize, byte* mask);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sched_getaffinity(int pid, nuint cpusetsize, byte* mask);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int eventfd(uint initialValue, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int timerfd_create(int clockId, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int timerfd_settime(TimerFd timer, int flags, TimerSpecification* newValue, TimerSpecification* oldValue);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_ctl(FileDescriptorHandle epoll, int operation, int fd, EpollEvent* @event);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_wait(FileDescriptorHandle epoll, EpollEvent* events, int maxEvents, int timeoutMilliseconds);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getrlimit(int resource, ResourceLimit* limit);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mount(string source, string target, string fileSystemType, nuint flags, string? data);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int access(string path, int mode);

    [LibraryImport("libc")]
    public static partial uint geteuid();

    /// <summary>The errno of the last failed call on this thread.</summary>
    public static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>Describes an errno, e.g. "errno 13 (Permission denied)".</summary>
    public static string Describe(int errno) => $"errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})";

    /// <summary>Describes the errno of the last failed call on this thread.</summary>
    public static string DescribeLastError() => Describe(LastError);
}
