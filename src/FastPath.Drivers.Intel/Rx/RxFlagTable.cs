using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Mempool.Buffers;

namespace FastPath.Drivers.Intel.Rx;

/// <summary>
/// Maps seven descriptor bits to <see cref="PacketFlags"/> with one table load: bit 0 IPCS, bit 1 L4CS, bits 2–4
/// status/error bits 29–31 as they are, bit 5 VP, bit 6 "RSS type is not none". The index does not depend on the
/// device; the table does: it is built from the device's <see cref="RxErrorLayout"/> when a queue is created, so the
/// 82599 and the 82576 decode with the same instructions and no per-packet dispatch. Scalar and vector decoders
/// compute the same index.
/// </summary>
public sealed class RxFlagTable
{
    /// <summary>Entries in the table: every value of the 7-bit index.</summary>
    public const int Entries = 128;

    private readonly PacketFlags[] _flags;

    /// <summary>Builds the table of a device whose receive errors sit where <paramref name="layout"/> says.</summary>
    /// <param name="layout">Where the device reports receive errors.</param>
    /// <param name="vlanStripped">Whether the queue strips VLAN tags: only then does VP become <see cref="PacketFlags.Vlan"/>.</param>
    public RxFlagTable(RxErrorLayout layout, bool vlanStripped = false)
    {
        if ((layout.FrameError | layout.IpChecksumError | layout.L4ChecksumError) != RxErrorLayout.ErrorBits)
        {
            throw new ArgumentException($"The receive error layout is empty; use the device's, such as {nameof(RxErrorLayout)}.{nameof(RxErrorLayout.Ixgbe82599)} or {nameof(RxErrorLayout.Igb82576)}.", nameof(layout));
        }

        Layout = layout;
        GoodFrameMask = layout.GoodFrameMask;
        _flags = new PacketFlags[Entries];
        for (uint i = 0; i < Entries; i++)
        {
            uint errors = ((i >> 2) & 7) << 29;
            PacketFlags flags = PacketFlags.None;
            if ((i & 1) != 0)
            {
                flags |= (errors & layout.IpChecksumError) != 0 ? PacketFlags.IpChecksumBad : PacketFlags.IpChecksumGood;
            }

            if ((i & 2) != 0)
            {
                flags |= (errors & layout.L4ChecksumError) != 0 ? PacketFlags.L4ChecksumBad : PacketFlags.L4ChecksumGood;
            }

            if ((i & 32) != 0 && vlanStripped)
            {
                flags |= PacketFlags.Vlan;
            }

            if ((i & 64) != 0)
            {
                flags |= PacketFlags.RssHash;
            }

            _flags[i] = flags;
        }
    }

    /// <summary>The layout the table was built for.</summary>
    public RxErrorLayout Layout { get; }

    /// <summary>The layout's <see cref="RxErrorLayout.GoodFrameMask"/>.</summary>
    public uint GoodFrameMask { get; }

    /// <summary>The 7-bit table index of a descriptor's status/error word and packet-info word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Index(uint statusError, uint packetInfo) =>
        ((statusError >> 6) & 1) | ((statusError >> 4) & 2) | ((statusError >> 27) & 0x1C) |
        ((statusError << 2) & 32) | ((packetInfo & AdvancedRxStatus.RssTypeMask) != 0 ? 64u : 0u);

    /// <summary>The first entry, for decoders that hoist the table out of their loop.</summary>
    public ref PacketFlags First => ref MemoryMarshal.GetArrayDataReference(_flags);

    /// <summary>The flags for table index <paramref name="index"/> (0–127).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PacketFlags Lookup(uint index) => Unsafe.Add(ref First, (nint)(index & (Entries - 1)));
}
