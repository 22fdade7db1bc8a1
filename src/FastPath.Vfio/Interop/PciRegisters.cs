using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary>Offsets of the PCI configuration header registers this library touches (<c>linux/pci_regs.h</c>).</summary>
internal static class PciRegisters
{
    [NativeName("PCI_VENDOR_ID")]
    public const int VendorId = 0x00;

    [NativeName("PCI_DEVICE_ID")]
    public const int DeviceId = 0x02;

    [NativeName("PCI_COMMAND")]
    public const int Command = 0x04;
}
