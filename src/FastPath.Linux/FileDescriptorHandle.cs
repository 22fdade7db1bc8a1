using FastPath.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace FastPath.Linux;

/// <summary>Owns a Linux file descriptor (a VFIO container, group or device, a socket, an epoll instance) and closes it when released.</summary>
public sealed class FileDescriptorHandle : SafeHandleMinusOneIsInvalid
{
    /// <summary>Creates an invalid handle for the marshaller.</summary>
    public FileDescriptorHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of <paramref name="fd"/>.</summary>
    public FileDescriptorHandle(int fd)
        : base(ownsHandle: true)
    {
        SetHandle(fd);
    }

    /// <summary>The descriptor number, for ioctls that take a descriptor as their argument, <c>poll</c> and messages.</summary>
    public int Fd => (int)handle;

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibC.close((int)handle) == 0;
}
