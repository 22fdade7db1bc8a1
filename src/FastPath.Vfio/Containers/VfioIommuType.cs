using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Containers;

/// <summary>The IOMMU backends <see cref="VfioContainer.SetIommu"/> accepts for x86.</summary>
public enum VfioIommuType
{
    /// <summary>Type1: mappings may be partially unmapped.</summary>
    [NativeName("VFIO_TYPE1_IOMMU")]
    Type1 = 1,

    /// <summary>Type1v2: the preferred backend; unmaps cover whole mappings.</summary>
    [NativeName("VFIO_TYPE1v2_IOMMU")]
    Type1v2 = 3,
}
