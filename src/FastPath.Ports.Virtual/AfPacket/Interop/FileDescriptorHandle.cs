using Microsoft.Win32.SafeHandles;

namespace FastPath.Ports.Virtual.AfPacket.Interop;

/// <summary>Owns a Linux file descriptor (here, a packet socket) and closes it.</summary>
internal sealed class FileDescriptorHandle : SafeHandleMinusOneIsInvalid
{
    /// <summary>An invalid handle, for the marshaller.</summary>
    public FileDescriptorHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of <paramref name="fd"/>.</summary>
    public FileDescriptorHandle(int fd)
        : base(ownsHandle: true) => SetHandle(fd);

    /// <summary>The descriptor number, for <c>poll</c>.</summary>
    public int Number => (int)handle;

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibC.close((int)handle) == 0;
}
