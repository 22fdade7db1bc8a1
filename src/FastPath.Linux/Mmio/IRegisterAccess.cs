namespace FastPath.Linux.Mmio;

/// <summary>
/// 32-bit access to a device's register space (BAR0). Implemented by structs only: driver code is generic over
/// <c>TRegisters : struct, IRegisterAccess</c>, so the JIT compiles one specialization per implementation and inlines
/// the register access of the real device (<see cref="MmioRegisters"/>) down to a single load or store.
/// </summary>
public interface IRegisterAccess
{
    /// <summary>Reads the register at byte offset <paramref name="offset"/>.</summary>
    uint Read(uint offset);

    /// <summary>Writes <paramref name="value"/> to the register at byte offset <paramref name="offset"/>.</summary>
    void Write(uint offset, uint value);
}
