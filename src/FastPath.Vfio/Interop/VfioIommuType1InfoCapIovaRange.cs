using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary>
/// <c>struct vfio_iommu_type1_info_cap_iova_range</c> up to its flexible array of <see cref="VfioIovaRangeNative"/>,
/// which follows at <c>iova_ranges</c>.
/// </summary>
[NativeName("struct vfio_iommu_type1_info_cap_iova_range")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioIommuType1InfoCapIovaRange
{
    [NativeName("header")]
    public VfioInfoCapHeader Header;

    [NativeName("nr_iovas")]
    public uint RangeCount;

    [NativeName("reserved")]
    public uint Reserved;
}
