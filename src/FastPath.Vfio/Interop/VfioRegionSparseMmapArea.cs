using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary><c>struct vfio_region_sparse_mmap_area</c>: one mappable window of a region.</summary>
[NativeName("struct vfio_region_sparse_mmap_area")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioRegionSparseMmapArea
{
    [NativeName("offset")]
    public ulong Offset;

    [NativeName("size")]
    public ulong Size;
}
