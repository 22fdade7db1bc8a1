using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary><c>struct vfio_device_info</c>, the argument of <c>VFIO_DEVICE_GET_INFO</c>.</summary>
[NativeName("struct vfio_device_info")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioDeviceInfoNative
{
    [NativeName("argsz")]
    public uint ArgumentSize;

    [NativeName("flags")]
    public uint Flags;

    [NativeName("num_regions")]
    public uint RegionCount;

    [NativeName("num_irqs")]
    public uint IrqCount;

    [NativeName("cap_offset")]
    public uint CapabilityOffset;
}
