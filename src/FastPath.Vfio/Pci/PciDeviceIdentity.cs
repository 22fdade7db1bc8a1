namespace FastPath.Vfio.Pci;

/// <summary>What sysfs tells about a PCI function.</summary>
/// <param name="Address">The function's address.</param>
/// <param name="VendorId">The PCI vendor id, e.g. 0x8086 for Intel.</param>
/// <param name="DeviceId">The PCI device id, e.g. 0x10d3 for the 82574L.</param>
/// <param name="ClassCode">The 24-bit class code (base class, subclass, programming interface), e.g. 0x020000 for Ethernet.</param>
/// <param name="Driver">The bound driver's name, or null when none is bound.</param>
/// <param name="IommuGroup">The IOMMU group number, or null when the IOMMU is off.</param>
public sealed record PciDeviceIdentity(PciAddress Address, ushort VendorId, ushort DeviceId, uint ClassCode, string? Driver, int? IommuGroup)
{
    /// <summary>The base class of network controllers (PCI Code and ID Assignment Specification, section 1.3).</summary>
    public const int NetworkBaseClass = 0x02;

    /// <summary>The base class, the top byte of <see cref="ClassCode"/>.</summary>
    public int BaseClass => (int)(ClassCode >> 16);

    /// <summary>Whether the device is a network controller (base class 0x02).</summary>
    public bool IsNetworkController => BaseClass == NetworkBaseClass;

    /// <summary>Whether vfio-pci drives the device.</summary>
    public bool IsBoundToVfio => Driver == PciSysfs.VfioPciDriver;

    /// <summary>Vendor and device id in the lspci form, e.g. "8086:10d3".</summary>
    public string Ids => $"{VendorId:x4}:{DeviceId:x4}";
}
