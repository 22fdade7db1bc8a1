using System.Runtime.InteropServices;

using FastPath.Linux.Interop;

namespace FastPath.Linux;

/// <summary>Owns a region mapped with <c>mmap</c> and unmaps it.</summary>
public sealed class MappedMemoryHandle : SafeHandle
{
    private MappedMemoryHandle(nint address, nuint length)
        : base(LibC.MapFailed, ownsHandle: true)
    {
        SetHandle(address);
        Length = length;
    }

    /// <summary>The region's length in bytes.</summary>
    public nuint Length { get; }

    /// <summary>The region's first byte.</summary>
    public nint Address => handle;

    /// <inheritdoc />
    public override bool IsInvalid => handle == LibC.MapFailed || handle == 0;

    /// <summary>Maps <paramref name="length"/> bytes of <paramref name="fd"/> shared, read-write.</summary>
    /// <returns>The mapping, or null with the errno in <paramref name="errno"/>.</returns>
    public static MappedMemoryHandle? TryMapShared(FileDescriptorHandle fd, nuint length, out int errno) => TryMapShared(fd, length, 0, out errno);

    /// <summary>Maps <paramref name="length"/> bytes of <paramref name="fd"/> from <paramref name="offset"/> (a page multiple) shared, read-write.</summary>
    /// <returns>The mapping, or null with the errno in <paramref name="errno"/>.</returns>
    public static unsafe MappedMemoryHandle? TryMapShared(FileDescriptorHandle fd, nuint length, long offset, out int errno)
    {
        nint address = LibC.mmap(0, length, LibC.ProtRead | LibC.ProtWrite, LibC.MapShared | LibC.MapPopulate, fd, offset);
        errno = address == LibC.MapFailed ? Marshal.GetLastPInvokeError() : 0;
        return address == LibC.MapFailed ? null : new MappedMemoryHandle(address, length);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibC.munmap(handle, Length) == 0;
}
