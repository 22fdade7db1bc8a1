using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfPacket.Interop;

/// <summary>The libc socket, memory-mapping and interface calls AF_PACKET ports need.</summary>
internal static unsafe partial class LibC
{
    public const int ProtectionRead = 0x1;
    public const int ProtectionWrite = 0x2;
    public const int MapShared = 0x01;
    public const int MapPopulate = 0x8000;
    public static readonly nint MapFailed = -1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

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

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(FileDescriptorHandle fd, ulong request, void* argument);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint mmap(nint address, nuint length, int protection, int flags, FileDescriptorHandle fd, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int munmap(nint address, nuint length);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint if_nametoindex(string name);

    [LibraryImport("libc", SetLastError = true)]
    public static partial InterfaceNameIndex* if_nameindex();

    [LibraryImport("libc")]
    public static partial void if_freenameindex(InterfaceNameIndex* list);

    /// <summary>Describes an errno value, e.g. "errno 1: Operation not permitted".</summary>
    public static string ErrorText(int errno) => $"errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}";
}
