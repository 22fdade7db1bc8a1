using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary>
/// <c>struct vfio_region_info_cap_sparse_mmap</c> up to its flexible array of
/// <see cref="VfioRegionSparseMmapArea"/>, which follows at <c>areas</c>.
/// </summary>
[NativeName("struct vfio_region_info_cap_sparse_mmap")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioRegionInfoCapSparseMmap
{
    [NativeName("header")]
    public VfioInfoCapHeader Header;

    [NativeName("nr_areas")]
    public uint AreaCount;

    [NativeName("reserved")]
    public uint Reserved;
}
