using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary><c>struct vfio_iommu_type1_info_dma_avail</c>: how many more DMA mappings the container accepts.</summary>
[NativeName("struct vfio_iommu_type1_info_dma_avail")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioIommuType1InfoDmaAvail
{
    [NativeName("header")]
    public VfioInfoCapHeader Header;

    [NativeName("avail")]
    public uint Available;
}
