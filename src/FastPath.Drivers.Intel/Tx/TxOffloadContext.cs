using System.Runtime.CompilerServices;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Mempool.Buffers;

namespace FastPath.Drivers.Intel.Tx;

/// <summary>
/// The offload context a frame needs (82599 datasheet 7.2.3.2.3, 7.2.4): the VLAN tag to insert, header lengths and
/// L3/L4 types for the context descriptor, and the POPTS bits for the data descriptor. Consecutive frames with the same
/// context share one context descriptor.
/// </summary>
public readonly record struct TxOffloadContext(uint VlanMacIpLengths, uint TypeTucmdMlhl, uint MssL4LengthIndex, uint OffloadOptions)
{
    /// <summary>TUCMD.L4T = 11b (reserved): no L4 checksum (ixgbe_type.h IXGBE_ADVTXD_TUCMD_L4T_RSV 0x1800).</summary>
    private const uint L4TypeNone = 3u << 11;

    /// <summary>L4LEN shift in the context's last word (IXGBE_ADVTXD_L4LEN_SHIFT 8).</summary>
    private const int L4LengthShift = 8;

    /// <summary>
    /// Builds the context for a buffer whose <see cref="PacketBuffer.Flags"/> request checksum offloads or VLAN
    /// insertion, honouring only the requests in <paramref name="enabled"/> (the queue's enabled offloads).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe TxOffloadContext For(PacketBuffer* buffer, PacketFlags enabled)
    {
        PacketFlags flags = buffer->Flags & (enabled | PacketFlags.TxIPv4 | PacketFlags.TxIPv6);
        uint tucmd = AdvancedTxBits.TypeContext | AdvancedTxBits.Extended;
        uint options = 0;
        if ((flags & (PacketFlags.TxIpChecksum | PacketFlags.TxIPv4)) != 0)
        {
            tucmd |= AdvancedTxBits.ContextIPv4;
        }

        if ((flags & PacketFlags.TxIpChecksum) != 0)
        {
            options |= AdvancedTxBits.InsertIpChecksum;
        }

        if ((flags & PacketFlags.TxTcpChecksum) != 0)
        {
            tucmd |= AdvancedTxBits.ContextTcp;
            options |= AdvancedTxBits.InsertL4Checksum;
        }
        else if ((flags & PacketFlags.TxUdpChecksum) != 0)
        {
            tucmd |= AdvancedTxBits.ContextUdp;
            options |= AdvancedTxBits.InsertL4Checksum;
        }
        else
        {
            tucmd |= L4TypeNone;
        }

        uint lengths = buffer->L3Length | ((uint)buffer->L2Length << AdvancedTxBits.MacLengthShift);
        if ((flags & PacketFlags.TxVlan) != 0)
        {
            lengths |= (uint)buffer->VlanTci << AdvancedTxBits.VlanShift;
        }

        return new TxOffloadContext(lengths, tucmd, (uint)buffer->L4Length << L4LengthShift, options);
    }
}
