using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Mempool.Buffers;

namespace FastPath.Drivers.Intel.Rx;

/// <summary>
/// Maps six descriptor bits to <see cref="PacketFlags"/> with one table load: bit 0 IPCS, bit 1 L4CS, bit 2 IPE,
/// bit 3 L4E, bit 4 VP, bit 5 "RSS type is not none". Scalar and vector decoders compute the same index.
/// </summary>
public static class RxFlagTable
{
    private static readonly PacketFlags[] s_flags = Build();

    /// <summary>The 6-bit table index of a descriptor's status/error word and packet-info word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Index(uint statusError, uint packetInfo) =>
        ((statusError >> 6) & 1) | ((statusError >> 4) & 2) | ((statusError >> 29) & 4) | ((statusError >> 27) & 8) |
        ((statusError << 1) & 16) | ((packetInfo & AdvancedRxStatus.RssTypeMask) != 0 ? 32u : 0u);

    /// <summary>The flags for table index <paramref name="index"/> (0–63).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PacketFlags Lookup(uint index) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s_flags), (nint)index);

    private static PacketFlags[] Build()
    {
        var table = new PacketFlags[64];
        for (uint i = 0; i < 64; i++)
        {
            bool ipChecked = (i & 1) != 0, l4Checked = (i & 2) != 0, ipError = (i & 4) != 0, l4Error = (i & 8) != 0;
            PacketFlags flags = PacketFlags.None;
            if (ipChecked)
            {
                flags |= ipError ? PacketFlags.IpChecksumBad : PacketFlags.IpChecksumGood;
            }

            if (l4Checked)
            {
                flags |= l4Error ? PacketFlags.L4ChecksumBad : PacketFlags.L4ChecksumGood;
            }

            if ((i & 16) != 0)
            {
                flags |= PacketFlags.Vlan;
            }

            if ((i & 32) != 0)
            {
                flags |= PacketFlags.RssHash;
            }

            table[i] = flags;
        }

        return table;
    }
}
