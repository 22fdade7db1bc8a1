using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary><c>struct vfio_iommu_type1_dma_unmap</c> without its optional dirty bitmap, the argument of <c>VFIO_IOMMU_UNMAP_DMA</c>.</summary>
[NativeName("struct vfio_iommu_type1_dma_unmap")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioIommuType1DmaUnmap
{
    [NativeName("argsz")]
    public uint ArgumentSize;

    [NativeName("flags")]
    public uint Flags;

    [NativeName("iova")]
    public ulong Iova;

    [NativeName("size")]
    public ulong Size;
}
