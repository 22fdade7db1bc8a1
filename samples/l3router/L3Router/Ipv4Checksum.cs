using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace L3Router;

/// <summary>The IPv4 header checksum (RFC 791, RFC 1071) and its incremental update (RFC 1624).</summary>
internal static class Ipv4Checksum
{
    /// <summary>The 16-bit ones'-complement sum of <paramref name="header"/> (even length), folded; 0xFFFF for a header with a correct checksum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Sum(ReadOnlySpan<byte> header)
    {
        // Sums 32-bit big-endian words into 64 bits; folding that to 16 bits gives the same ones'-complement sum
        // as adding the 16-bit words one by one. An IPv4 header is a whole number of 32-bit words.
        ulong sum = 0;
        int i = 0;
        for (; i + 4 <= header.Length; i += 4)
            sum += BinaryPrimitives.ReadUInt32BigEndian(header[i..]);
        if (i < header.Length)
            sum += (ulong)BinaryPrimitives.ReadUInt16BigEndian(header[i..]) << 16;
        sum = (sum & 0xFFFF_FFFF) + (sum >> 32);
        sum = (sum & 0xFFFF_FFFF) + (sum >> 32);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)sum;
    }

    /// <summary>True when the header, checksum field included, sums to ones'-complement zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsValid(ReadOnlySpan<byte> header) => Sum(header) == 0xFFFF;

    /// <summary>
    /// RFC 1624 eqn. 3: the checksum after one 16-bit word of the header changes from <paramref name="oldWord"/>
    /// to <paramref name="newWord"/>, HC' = ~(~HC + ~m + m'), in ones'-complement arithmetic. Unlike eqn. 2 it
    /// never produces 0xFFFF where a full recomputation gives 0x0000.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Update(ushort checksum, ushort oldWord, ushort newWord)
    {
        uint sum = (uint)(ushort)~checksum + (ushort)~oldWord + newWord;
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
