using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FastPath.Linux.Mmio;

/// <summary>
/// Volatile 8/16/32/64-bit access to memory-mapped device registers (a BAR mapped with <c>mmap</c>). A plain pointer
/// and a length: drivers keep it in a field and call it without interface dispatch; as an
/// <see cref="IRegisterAccess"/> it is the 32-bit register access the NIC drivers are generic over. Writes have
/// release semantics, so descriptor stores made before a tail write are visible to the device before the tail
/// moves on x86-64; on weakly ordered machines (Arm64) that would need a DMA write barrier, which this type does not
/// issue, so the NIC drivers refuse to drive hardware anywhere but x86-64. It does not own the mapping (the VFIO region does), and using the registers after the mapping
/// is gone is undefined (a segmentation fault).
/// </summary>
public readonly unsafe struct MmioRegisters : IRegisterAccess
{
    private readonly byte* _base;

    /// <summary>Wraps <paramref name="length"/> bytes of mapped registers at <paramref name="address"/>.</summary>
    public MmioRegisters(byte* address, nuint length)
    {
        _base = address;
        Length = length;
    }

    /// <summary>The mapped length in bytes.</summary>
    public nuint Length { get; }

    /// <summary>The address of the first register.</summary>
    public byte* Address => _base;

    /// <summary>Whether the registers are mapped (a default instance is not).</summary>
    public bool IsMapped => _base is not null;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Read(uint offset) => Read32(offset);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(uint offset, uint value) => Write32(offset, value);

    /// <summary>Reads the 8-bit register at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte Read8(nuint offset)
    {
        Debug.Assert(offset + 1 <= Length);
        return Volatile.Read(ref *(_base + offset));
    }

    /// <summary>Reads the 16-bit register at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ushort Read16(nuint offset)
    {
        Debug.Assert(offset + 2 <= Length && offset % 2 == 0);
        return Volatile.Read(ref *(ushort*)(_base + offset));
    }

    /// <summary>Reads the 32-bit register at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Read32(nuint offset)
    {
        Debug.Assert(offset + 4 <= Length && offset % 4 == 0);
        return Volatile.Read(ref *(uint*)(_base + offset));
    }

    /// <summary>Reads the 64-bit register at <paramref name="offset"/> in one access.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Read64(nuint offset)
    {
        Debug.Assert(offset + 8 <= Length && offset % 8 == 0);
        return Volatile.Read(ref *(ulong*)(_base + offset));
    }

    /// <summary>Writes the 8-bit register at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write8(nuint offset, byte value)
    {
        Debug.Assert(offset + 1 <= Length);
        Volatile.Write(ref *(_base + offset), value);
    }

    /// <summary>Writes the 16-bit register at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write16(nuint offset, ushort value)
    {
        Debug.Assert(offset + 2 <= Length && offset % 2 == 0);
        Volatile.Write(ref *(ushort*)(_base + offset), value);
    }

    /// <summary>Writes the 32-bit register at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write32(nuint offset, uint value)
    {
        Debug.Assert(offset + 4 <= Length && offset % 4 == 0);
        Volatile.Write(ref *(uint*)(_base + offset), value);
    }

    /// <summary>Writes the 64-bit register at <paramref name="offset"/> in one access.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write64(nuint offset, ulong value)
    {
        Debug.Assert(offset + 8 <= Length && offset % 8 == 0);
        Volatile.Write(ref *(ulong*)(_base + offset), value);
    }
}
