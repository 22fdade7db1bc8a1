using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Devices;

/// <summary>The fixed interrupt indexes of a vfio-pci device.</summary>
public enum VfioPciIrq
{
    /// <summary>Legacy line interrupt (automasked).</summary>
    [NativeName("VFIO_PCI_INTX_IRQ_INDEX")]
    Intx = 0,

    /// <summary>MSI.</summary>
    [NativeName("VFIO_PCI_MSI_IRQ_INDEX")]
    Msi = 1,

    /// <summary>MSI-X: one vector per queue.</summary>
    [NativeName("VFIO_PCI_MSIX_IRQ_INDEX")]
    Msix = 2,

    /// <summary>PCIe AER error notification.</summary>
    [NativeName("VFIO_PCI_ERR_IRQ_INDEX")]
    Error = 3,

    /// <summary>The kernel asks the user to release the device.</summary>
    [NativeName("VFIO_PCI_REQ_IRQ_INDEX")]
    Request = 4,
}
