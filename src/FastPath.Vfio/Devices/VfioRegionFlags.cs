using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Devices;

/// <summary>The flags <c>VFIO_DEVICE_GET_REGION_INFO</c> reports.</summary>
[Flags]
public enum VfioRegionFlags : uint
{
    /// <summary>No flag: the region is not implemented.</summary>
    None = 0,

    /// <summary>The region can be read with pread.</summary>
    [NativeName("VFIO_REGION_INFO_FLAG_READ")]
    Read = 1 << 0,

    /// <summary>The region can be written with pwrite.</summary>
    [NativeName("VFIO_REGION_INFO_FLAG_WRITE")]
    Write = 1 << 1,

    /// <summary>The region (or the areas of its sparse-mmap capability) can be mmapped.</summary>
    [NativeName("VFIO_REGION_INFO_FLAG_MMAP")]
    Mmap = 1 << 2,

    /// <summary>The info has a capability chain.</summary>
    [NativeName("VFIO_REGION_INFO_FLAG_CAPS")]
    Capabilities = 1 << 3,
}
