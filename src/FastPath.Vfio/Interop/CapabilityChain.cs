using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastPath.Vfio.Interop;

/// <summary>Walks the capability chain VFIO appends to an info structure (<c>cap_offset</c>, then <c>next</c>).</summary>
internal static class CapabilityChain
{
    /// <summary>
    /// Finds capability <paramref name="id"/> in <paramref name="info"/>, the whole buffer the kernel filled.
    /// </summary>
    /// <returns>The capability's offset from the start of <paramref name="info"/>, or -1 when it is absent.</returns>
    public static int Find(ReadOnlySpan<byte> info, uint firstOffset, ushort id)
    {
        uint offset = firstOffset;
        int headerSize = Unsafe.SizeOf<VfioInfoCapHeader>();
        for (int hops = 0; offset != 0 && hops < 64; hops++)
        {
            if (offset > (uint)(info.Length - headerSize))
            {
                throw new InvalidDataException($"VFIO capability at offset {offset} lies outside the {info.Length}-byte info buffer.");
            }

            VfioInfoCapHeader header = MemoryMarshal.Read<VfioInfoCapHeader>(info[(int)offset..]);
            if (header.Id == id)
            {
                return (int)offset;
            }

            offset = header.Next;
        }

        return -1;
    }
}
