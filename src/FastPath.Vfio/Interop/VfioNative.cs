using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary>
/// The VFIO ioctl request numbers and the flags and capability ids of <c>linux/vfio.h</c> that have no public
/// enum. Every request is <c>_IO(';', 100 + n)</c>: VFIO passes argument sizes in <c>argsz</c>, not in the number.
/// </summary>
internal static class VfioNative
{
    [NativeName("VFIO_API_VERSION")]
    public const int ApiVersion = 0;

    [NativeName("VFIO_GET_API_VERSION")]
    public const nuint GetApiVersion = 0x3B64;

    [NativeName("VFIO_CHECK_EXTENSION")]
    public const nuint CheckExtension = 0x3B65;

    [NativeName("VFIO_SET_IOMMU")]
    public const nuint SetIommu = 0x3B66;

    [NativeName("VFIO_GROUP_GET_STATUS")]
    public const nuint GroupGetStatus = 0x3B67;

    [NativeName("VFIO_GROUP_SET_CONTAINER")]
    public const nuint GroupSetContainer = 0x3B68;

    [NativeName("VFIO_GROUP_UNSET_CONTAINER")]
    public const nuint GroupUnsetContainer = 0x3B69;

    [NativeName("VFIO_GROUP_GET_DEVICE_FD")]
    public const nuint GroupGetDeviceFd = 0x3B6A;

    [NativeName("VFIO_DEVICE_GET_INFO")]
    public const nuint DeviceGetInfo = 0x3B6B;

    [NativeName("VFIO_DEVICE_GET_REGION_INFO")]
    public const nuint DeviceGetRegionInfo = 0x3B6C;

    [NativeName("VFIO_DEVICE_GET_IRQ_INFO")]
    public const nuint DeviceGetIrqInfo = 0x3B6D;

    [NativeName("VFIO_DEVICE_SET_IRQS")]
    public const nuint DeviceSetIrqs = 0x3B6E;

    [NativeName("VFIO_DEVICE_RESET")]
    public const nuint DeviceReset = 0x3B6F;

    [NativeName("VFIO_IOMMU_GET_INFO")]
    public const nuint IommuGetInfo = 0x3B70;

    [NativeName("VFIO_IOMMU_MAP_DMA")]
    public const nuint IommuMapDma = 0x3B71;

    [NativeName("VFIO_IOMMU_UNMAP_DMA")]
    public const nuint IommuUnmapDma = 0x3B72;

    [NativeName("VFIO_IOMMU_INFO_PGSIZES")]
    public const uint IommuInfoPageSizes = 1 << 0;

    [NativeName("VFIO_IOMMU_INFO_CAPS")]
    public const uint IommuInfoCaps = 1 << 1;

    [NativeName("VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE")]
    public const ushort IommuCapIovaRange = 1;

    [NativeName("VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL")]
    public const ushort IommuCapDmaAvailable = 3;

    [NativeName("VFIO_REGION_INFO_CAP_SPARSE_MMAP")]
    public const ushort RegionCapSparseMmap = 1;

    [NativeName("VFIO_REGION_INFO_CAP_MSIX_MAPPABLE")]
    public const ushort RegionCapMsixMappable = 3;

    [NativeName("VFIO_IRQ_SET_DATA_NONE")]
    public const uint IrqSetDataNone = 1 << 0;

    [NativeName("VFIO_IRQ_SET_DATA_BOOL")]
    public const uint IrqSetDataBool = 1 << 1;

    [NativeName("VFIO_IRQ_SET_DATA_EVENTFD")]
    public const uint IrqSetDataEventFd = 1 << 2;

    [NativeName("VFIO_IRQ_SET_ACTION_MASK")]
    public const uint IrqSetActionMask = 1 << 3;

    [NativeName("VFIO_IRQ_SET_ACTION_UNMASK")]
    public const uint IrqSetActionUnmask = 1 << 4;

    [NativeName("VFIO_IRQ_SET_ACTION_TRIGGER")]
    public const uint IrqSetActionTrigger = 1 << 5;
}
