using System.Runtime.InteropServices;
using FastPath.Linux;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary>The libc calls of the AF_XDP port that FastPath.Linux's <c>LibC</c> does not have: <c>syscall</c> for bpf() and <c>recvfrom</c>.</summary>
internal static unsafe partial class XdpNative
{
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial nint syscall(nint number, int command, void* attributes, uint size);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recvfrom(FileDescriptorHandle socket, void* buffer, nuint length, int flags, void* address, void* addressLength);
}
