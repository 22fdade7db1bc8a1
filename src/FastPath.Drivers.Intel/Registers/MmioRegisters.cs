using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FastPath.Drivers.Intel.Registers;

/// <summary>
/// Register access through a memory-mapped BAR: every read and write is one volatile 32-bit access at
/// <c>base + offset</c>. Writes have release semantics, so descriptor stores made before a tail write are visible
/// to the device before the tail moves.
/// </summary>
public readonly unsafe struct MmioRegisters : IRegisterAccess
{
    private readonly byte* _base;
    private readonly nuint _length;

    /// <summary>Wraps a mapped BAR of <paramref name="length"/> bytes at <paramref name="baseAddress"/>.</summary>
    public MmioRegisters(byte* baseAddress, nuint length)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        _base = baseAddress;
        _length = length;
    }

    /// <summary>The mapped length in bytes.</summary>
    public nuint Length => _length;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Read(uint offset)
    {
        Debug.Assert(offset + 4 <= _length, "Register offset outside the BAR.");
        return Volatile.Read(ref *(uint*)(_base + offset));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(uint offset, uint value)
    {
        Debug.Assert(offset + 4 <= _length, "Register offset outside the BAR.");
        Volatile.Write(ref *(uint*)(_base + offset), value);
    }
}
