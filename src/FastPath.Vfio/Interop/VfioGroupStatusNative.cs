using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary><c>struct vfio_group_status</c>, the argument of <c>VFIO_GROUP_GET_STATUS</c>.</summary>
[NativeName("struct vfio_group_status")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioGroupStatusNative
{
    [NativeName("argsz")]
    public uint ArgumentSize;

    [NativeName("flags")]
    public uint Flags;
}
