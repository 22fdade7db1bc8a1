using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Devices;

/// <summary>The flags <c>VFIO_DEVICE_GET_INFO</c> reports.</summary>
[Flags]
public enum VfioDeviceFlags : uint
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>The device supports <c>VFIO_DEVICE_RESET</c>.</summary>
    [NativeName("VFIO_DEVICE_FLAGS_RESET")]
    Reset = 1 << 0,

    /// <summary>A vfio-pci device.</summary>
    [NativeName("VFIO_DEVICE_FLAGS_PCI")]
    Pci = 1 << 1,

    /// <summary>A vfio-platform device.</summary>
    [NativeName("VFIO_DEVICE_FLAGS_PLATFORM")]
    Platform = 1 << 2,

    /// <summary>A vfio-amba device.</summary>
    [NativeName("VFIO_DEVICE_FLAGS_AMBA")]
    Amba = 1 << 3,

    /// <summary>A vfio-ccw device.</summary>
    [NativeName("VFIO_DEVICE_FLAGS_CCW")]
    Ccw = 1 << 4,

    /// <summary>A vfio-ap device.</summary>
    [NativeName("VFIO_DEVICE_FLAGS_AP")]
    Ap = 1 << 5,

    /// <summary>A vfio-fsl-mc device.</summary>
    [NativeName("VFIO_DEVICE_FLAGS_FSL_MC")]
    FslMc = 1 << 6,

    /// <summary>The info has a capability chain.</summary>
    [NativeName("VFIO_DEVICE_FLAGS_CAPS")]
    Capabilities = 1 << 7,
}
