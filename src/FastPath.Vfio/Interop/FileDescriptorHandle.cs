using Microsoft.Win32.SafeHandles;

namespace FastPath.Vfio.Interop;

/// <summary>Owns a Linux file descriptor and closes it when released.</summary>
internal sealed class FileDescriptorHandle : SafeHandleMinusOneIsInvalid
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

    /// <summary>The descriptor number, for ioctls that take a descriptor as their argument and for messages.</summary>
    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => LibC.close((int)handle) == 0;
}
