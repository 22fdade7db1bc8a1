using System.Runtime.CompilerServices;

namespace FastPath.Traffic.Frames;

/// <summary>
/// The small FastPath header the generator puts right after the UDP header, 18 bytes so that it fits a 60-byte
/// frame: magic <see cref="Magic"/> (2 bytes), stream id (2), sequence number (6, so 2^48 packets per stream), transmit
/// timestamp (8, <see cref="System.Diagnostics.Stopwatch"/> ticks of the sending host). All fields little-endian.
/// </summary>
public static unsafe class ProbeHeader
{
    /// <summary>Bytes of the header.</summary>
    public const int Length = 18;

    /// <summary>The first two bytes, "FP" read as a little-endian 16-bit value.</summary>
    public const ushort Magic = 0x5046;

    /// <summary>The largest sequence number (48 bits).</summary>
    public const ulong SequenceMask = 0xFFFF_FFFF_FFFFUL;

    /// <summary>Writes the header at <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(byte* destination, ushort stream, ulong sequence, long timestamp)
    {
        *(ushort*)destination = Magic;
        *(ushort*)(destination + 2) = stream;
        Unsafe.WriteUnaligned(destination + 4, sequence);
        Unsafe.WriteUnaligned(destination + 10, timestamp);
    }

    /// <summary>Reads the header at <paramref name="source"/>.</summary>
    /// <returns>False when the magic is absent: the frame is not a FastPath probe.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(byte* source, out ushort stream, out ulong sequence, out long timestamp)
    {
        stream = *(ushort*)(source + 2);
        sequence = Unsafe.ReadUnaligned<ulong>(source + 4) & SequenceMask;
        timestamp = Unsafe.ReadUnaligned<long>(source + 10);
        return *(ushort*)source == Magic;
    }
}
