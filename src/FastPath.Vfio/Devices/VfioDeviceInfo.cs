namespace FastPath.Vfio.Devices;

/// <summary>What <c>VFIO_DEVICE_GET_INFO</c> reports.</summary>
/// <param name="Flags">The device's flags (PCI, RESET, ...).</param>
/// <param name="RegionCount">Regions: 9 for a PCI device (6 BARs, ROM, config, VGA), more with device-specific ones.</param>
/// <param name="IrqCount">Interrupt indexes: 5 for a PCI device (INTx, MSI, MSI-X, ERR, REQ).</param>
public readonly record struct VfioDeviceInfo(VfioDeviceFlags Flags, int RegionCount, int IrqCount);
