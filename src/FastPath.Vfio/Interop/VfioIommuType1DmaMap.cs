using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary><c>struct vfio_iommu_type1_dma_map</c>, the argument of <c>VFIO_IOMMU_MAP_DMA</c>.</summary>
[NativeName("struct vfio_iommu_type1_dma_map")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioIommuType1DmaMap
{
    [NativeName("argsz")]
    public uint ArgumentSize;

    [NativeName("flags")]
    public uint Flags;

    [NativeName("vaddr")]
    public ulong VirtualAddress;

    [NativeName("iova")]
    public ulong Iova;

    [NativeName("size")]
    public ulong Size;
}
