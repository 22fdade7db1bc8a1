namespace FastPath.Drivers.Intel.Queues;

/// <summary>
/// The register offsets of one descriptor queue, supplied by the device-specific driver: the 82599 and the 82576
/// lay out the same registers (base, length, head, tail, control) at different addresses.
/// </summary>
/// <param name="BaseAddressLow">RDBAL/TDBAL: low 32 bits of the ring's IOVA (128-byte aligned).</param>
/// <param name="BaseAddressHigh">RDBAH/TDBAH: high 32 bits of the ring's IOVA.</param>
/// <param name="Length">RDLEN/TDLEN: ring length in bytes, a multiple of 128.</param>
/// <param name="Head">RDH/TDH: the device's position.</param>
/// <param name="Tail">RDT/TDT: the driver's position (the doorbell).</param>
/// <param name="Control">RXDCTL/TXDCTL: queue enable (bit 25) and thresholds.</param>
public readonly record struct QueueRegisterOffsets(uint BaseAddressLow, uint BaseAddressHigh, uint Length, uint Head, uint Tail, uint Control)
{
    /// <summary>
    /// The queue enable bit of RXDCTL and TXDCTL, bit 25 on both devices (82599 datasheet 8.2.3.8.6 and 8.2.3.9.10;
    /// 82576 datasheet 8.10.10 and 8.12.13; ixgbe_type.h IXGBE_RXDCTL_ENABLE / IXGBE_TXDCTL_ENABLE 0x02000000).
    /// </summary>
    public const uint QueueEnable = 1u << 25;
}
