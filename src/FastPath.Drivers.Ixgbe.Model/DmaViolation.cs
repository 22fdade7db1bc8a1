namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>A DMA access the model refused: memory not (or no longer) mapped, or bus mastering disabled.</summary>
/// <param name="Iova">The IO virtual address the device tried to access.</param>
/// <param name="Length">Bytes accessed.</param>
/// <param name="Reason">What was wrong and which operation tried it.</param>
public sealed record DmaViolation(ulong Iova, int Length, string Reason);
