using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary><c>struct vfio_iommu_type1_info</c>, the argument of <c>VFIO_IOMMU_GET_INFO</c>.</summary>
[NativeName("struct vfio_iommu_type1_info")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioIommuType1InfoNative
{
    [NativeName("argsz")]
    public uint ArgumentSize;

    [NativeName("flags")]
    public uint Flags;

    [NativeName("iova_pgsizes")]
    public ulong IovaPageSizes;

    [NativeName("cap_offset")]
    public uint CapabilityOffset;
}
