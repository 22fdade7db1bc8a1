using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Containers;

/// <summary>The container extensions <see cref="VfioContainer.CheckExtension"/> can ask about.</summary>
public enum VfioExtension
{
    /// <summary>The Type1 IOMMU backend (x86 IOMMUs).</summary>
    [NativeName("VFIO_TYPE1_IOMMU")]
    Type1Iommu = 1,

    /// <summary>Type1 with the v2 semantics: unmaps may not split a mapping.</summary>
    [NativeName("VFIO_TYPE1v2_IOMMU")]
    Type1v2Iommu = 3,

    /// <summary>DMA is cache coherent.</summary>
    [NativeName("VFIO_DMA_CC_IOMMU")]
    DmaCacheCoherent = 4,

    /// <summary>Nested Type1 translation.</summary>
    [NativeName("VFIO_TYPE1_NESTING_IOMMU")]
    Type1NestingIommu = 6,

    /// <summary>The unsafe no-IOMMU mode (absent from Debian's kernel).</summary>
    [NativeName("VFIO_NOIOMMU_IOMMU")]
    NoIommu = 8,

    /// <summary>UNMAP_DMA with the ALL flag.</summary>
    [NativeName("VFIO_UNMAP_ALL")]
    UnmapAll = 9,

    /// <summary>MAP_DMA with the VADDR flag.</summary>
    [NativeName("VFIO_UPDATE_VADDR")]
    UpdateVirtualAddress = 10,
}
