using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary><c>struct vfio_region_info</c>, the argument of <c>VFIO_DEVICE_GET_REGION_INFO</c>.</summary>
[NativeName("struct vfio_region_info")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioRegionInfoNative
{
    [NativeName("argsz")]
    public uint ArgumentSize;

    [NativeName("flags")]
    public uint Flags;

    [NativeName("index")]
    public uint Index;

    [NativeName("cap_offset")]
    public uint CapabilityOffset;

    [NativeName("size")]
    public ulong Size;

    [NativeName("offset")]
    public ulong Offset;
}
