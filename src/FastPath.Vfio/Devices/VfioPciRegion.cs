using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Devices;

/// <summary>The fixed region indexes of a vfio-pci device.</summary>
public enum VfioPciRegion
{
    /// <summary>Base address register 0.</summary>
    [NativeName("VFIO_PCI_BAR0_REGION_INDEX")]
    Bar0 = 0,

    /// <summary>Base address register 1.</summary>
    [NativeName("VFIO_PCI_BAR1_REGION_INDEX")]
    Bar1 = 1,

    /// <summary>Base address register 2.</summary>
    [NativeName("VFIO_PCI_BAR2_REGION_INDEX")]
    Bar2 = 2,

    /// <summary>Base address register 3.</summary>
    [NativeName("VFIO_PCI_BAR3_REGION_INDEX")]
    Bar3 = 3,

    /// <summary>Base address register 4.</summary>
    [NativeName("VFIO_PCI_BAR4_REGION_INDEX")]
    Bar4 = 4,

    /// <summary>Base address register 5.</summary>
    [NativeName("VFIO_PCI_BAR5_REGION_INDEX")]
    Bar5 = 5,

    /// <summary>The expansion ROM.</summary>
    [NativeName("VFIO_PCI_ROM_REGION_INDEX")]
    Rom = 6,

    /// <summary>PCI configuration space.</summary>
    [NativeName("VFIO_PCI_CONFIG_REGION_INDEX")]
    Config = 7,

    /// <summary>Legacy VGA ranges (display controllers only).</summary>
    [NativeName("VFIO_PCI_VGA_REGION_INDEX")]
    Vga = 8,
}
