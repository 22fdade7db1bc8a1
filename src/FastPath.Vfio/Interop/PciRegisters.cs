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

    [NativeName("PCI_STATUS")]
    public const int Status = 0x06;

    [NativeName("PCI_CLASS_REVISION")]
    public const int ClassRevision = 0x08;

    [NativeName("PCI_CFG_SPACE_SIZE")]
    public const int ConfigSpaceSize = 256;

    [NativeName("PCI_CFG_SPACE_EXP_SIZE")]
    public const int ExtendedConfigSpaceSize = 4096;
}
