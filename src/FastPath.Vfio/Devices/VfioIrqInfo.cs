namespace FastPath.Vfio.Devices;

/// <summary>What <c>VFIO_DEVICE_GET_IRQ_INFO</c> reports for one interrupt index.</summary>
/// <param name="Index">The interrupt index.</param>
/// <param name="Flags">How the interrupts can be delivered and masked.</param>
/// <param name="Count">How many interrupts (vectors) the index has; 0 when not implemented.</param>
public readonly record struct VfioIrqInfo(VfioPciIrq Index, VfioIrqFlags Flags, int Count);
