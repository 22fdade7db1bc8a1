using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using FastPath.Mempool.Buffers;

namespace FastPath.Drivers.Intel.Tx;

/// <summary>
/// Prepares a frame's headers for the transmit checksum offloads the way the 82599 and 82576 expect them: the TCP or UDP
/// checksum field holds the folded (not complemented) pseudo-header sum, and an IPv4 header checksum field that the
/// device is to fill holds zero.
/// </summary>
/// <remarks>
/// <para>
/// The device does not know the pseudo-header. With POPTS.TXSM it writes into the checksum field the complement of the
/// ones' complement sum of every 16-bit word from MACLEN+IPLEN to the last byte of the frame, the checksum field
/// included (82599 datasheet 7.2.5 "Transmit Checksum Offloading in Non-segmentation Mode"; the 82598 datasheet, 3.5.3.5,
/// says it plainly: for non-TSO, software still computes the full pseudo-header checksum and places it at the checksum
/// offset). With POPTS.IXSM it sums the IPLEN bytes of the IPv4 header as they are, so the field must hold 0
/// (the 82598 datasheet's TSO header rules: "header checksum should be zeroed out"). The 82576 (datasheet 7.2.5) works
/// alike. The full pseudo-header is the source and destination addresses, the protocol and the L4 length.
/// </para>
/// <para>
/// The seed is written by the transmit queue itself, for every frame that asks for an L4 checksum, rather than by a
/// separate prepare call the application would have to make (as DPDK's <c>rte_eth_tx_prepare</c> requires): a
/// forgotten prepare call gives wrong checksums on hardware only, silently, and every sender in this project (pktgen,
/// l2fwd, the apps) goes through <see cref="AdvancedTxQueue{TRegisters}.TxBurst"/>. The cost is a few loads and one
/// store per offloaded frame, into header bytes the sender just wrote (bench/results/2026-12-01-tx-pseudo-header-seed.md).
/// </para>
/// <para>
/// Frames whose header lengths (<see cref="PacketBuffer.L2Length"/>, <see cref="PacketBuffer.L3Length"/>) put the
/// checksum field beyond the frame are left untouched: the device's result is undefined for them as well
/// (82599 7.2.3.2.3: MACLEN+IPLEN must be less than the frame's length).
/// </para>
/// </remarks>
public static unsafe class TxChecksumSeed
{
    private const byte Tcp = 6;
    private const byte Udp = 17;
    private const int TcpChecksumOffset = 16;
    private const int UdpChecksumOffset = 6;
    private const int Ipv4ChecksumOffset = 10;
    private const int Ipv6HeaderLength = 40;

    /// <summary>
    /// Writes the seeds <paramref name="buffer"/>'s transmit flags ask for into the frame at <paramref name="frame"/>:
    /// the pseudo-header sum into the TCP/UDP checksum field (IPv4 when <see cref="PacketFlags.TxIPv4"/> or
    /// <see cref="PacketFlags.TxIpChecksum"/> is set, as the context descriptor's TUCMD.IPV4 says, IPv6 otherwise) and
    /// zero into the IPv4 header checksum for <see cref="PacketFlags.TxIpChecksum"/>.
    /// </summary>
    /// <param name="frame">The first byte of the frame (the buffer's data).</param>
    /// <param name="buffer">The frame's buffer: flags, header lengths and data length.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(byte* frame, PacketBuffer* buffer)
    {
        PacketFlags flags = buffer->Flags;
        int l3Offset = buffer->L2Length;
        int l4Offset = l3Offset + buffer->L3Length;
        int length = buffer->DataLength;
        bool ipv4 = (flags & (PacketFlags.TxIPv4 | PacketFlags.TxIpChecksum)) != 0;
        byte* ip = frame + l3Offset;
        if ((flags & PacketFlags.TxIpChecksum) != 0 && l3Offset + Ipv4ChecksumOffset + 2 <= length)
        {
            *(ushort*)(ip + Ipv4ChecksumOffset) = 0;
        }

        int field;
        byte protocol;
        if ((flags & PacketFlags.TxTcpChecksum) != 0)
        {
            field = TcpChecksumOffset;
            protocol = Tcp;
        }
        else if ((flags & PacketFlags.TxUdpChecksum) != 0)
        {
            field = UdpChecksumOffset;
            protocol = Udp;
        }
        else
        {
            return;
        }

        if (l4Offset + field + 2 > length || l3Offset + (ipv4 ? 20 : Ipv6HeaderLength) > length)
        {
            return;
        }

        *(ushort*)(frame + l4Offset + field) = ipv4
            ? PseudoHeaderIPv4(ip, buffer->L3Length, protocol)
            : PseudoHeaderIPv6(ip, buffer->L3Length, protocol);
    }

    /// <summary>
    /// The folded IPv4 pseudo-header sum, in network byte order as it is stored: addresses at bytes 12–19, the protocol,
    /// and the L4 length (total length less the <paramref name="headerLength"/>-byte IP header).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort PseudoHeaderIPv4(byte* ip, int headerLength, byte protocol)
    {
        // The ones' complement sum is byte-order independent: sum native words, add the host-order terms swapped.
        ulong sum = (ulong)Unsafe.ReadUnaligned<uint>(ip + 12) + Unsafe.ReadUnaligned<uint>(ip + 16);
        int l4Length = BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(ip + 2, 2)) - headerLength;
        return Fold(sum, protocol, l4Length);
    }

    /// <summary>
    /// The folded IPv6 pseudo-header sum, in network byte order as it is stored: addresses at bytes 8–39, the upper-layer
    /// protocol, and the L4 length (payload length less the extension headers in <paramref name="headerLength"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort PseudoHeaderIPv6(byte* ip, int headerLength, byte protocol)
    {
        ulong sum = 0;
        for (int i = 8; i < Ipv6HeaderLength; i += 8)
        {
            ulong word = Unsafe.ReadUnaligned<ulong>(ip + i);
            sum += (word & 0xFFFF_FFFF) + (word >> 32);
        }

        int l4Length = BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(ip + 4, 2)) - (headerLength - Ipv6HeaderLength);
        return Fold(sum, protocol, l4Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Fold(ulong sum, byte protocol, int l4Length)
    {
        sum += ToStoredOrder((ushort)protocol) + (ulong)ToStoredOrder((ushort)l4Length);
        sum = (sum & 0xFFFF_FFFF) + (sum >> 32);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort ToStoredOrder(ushort value) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
}
