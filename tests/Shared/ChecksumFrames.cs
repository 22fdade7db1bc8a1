using System.Buffers.Binary;
using FastPath.Mempool.Buffers;

namespace FastPath.Testing;

/// <summary>
/// TCP and UDP frames over IPv4 and IPv6 for the transmit checksum offload tests, and a checksum verifier of their own
/// (RFC 1071 / RFC 768 / RFC 793 / RFC 8200 8.1), independent of the driver's seed and of the model's insertion.
/// </summary>
internal static class ChecksumFrames
{
    public const int EthernetLength = 14;

    /// <summary>Header lengths: IPv4 20, IPv6 40; TCP 20, UDP 8.</summary>
    public static (int Ip, int L4) HeaderLengths(bool ipv6, bool tcp) => (ipv6 ? 40 : 20, tcp ? 20 : 8);

    /// <summary>
    /// Writes a frame of <paramref name="length"/> bytes into <paramref name="packet"/> (which must be empty): Ethernet,
    /// IPv4 (checksum field holding garbage the driver must clear) or IPv6, TCP or UDP with a zero checksum field, and a
    /// patterned payload; sets the header lengths and the offload flags.
    /// </summary>
    public static void Write(Packet packet, int length, bool ipv6, bool tcp, ReadOnlySpan<byte> destination, ReadOnlySpan<byte> source)
    {
        (int ipLength, int l4Length) = HeaderLengths(ipv6, tcp);
        Build(packet.Append(length), ipv6, tcp, destination, source);
        packet.Metadata.L2Length = EthernetLength;
        packet.Metadata.L3Length = (byte)ipLength;
        packet.Metadata.L4Length = (byte)l4Length;
        packet.Flags = (tcp ? PacketFlags.TxTcpChecksum : PacketFlags.TxUdpChecksum) | (ipv6 ? PacketFlags.TxIPv6 : PacketFlags.TxIpChecksum | PacketFlags.TxIPv4);
    }

    /// <summary>The frame of <see cref="Write"/> in <paramref name="data"/> (its whole length), without any metadata.</summary>
    public static void Build(Span<byte> data, bool ipv6, bool tcp, ReadOnlySpan<byte> destination, ReadOnlySpan<byte> source)
    {
        (int ipLength, int l4Length) = HeaderLengths(ipv6, tcp);
        int length = data.Length;
        data.Clear();
        destination.CopyTo(data);
        source.CopyTo(data[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(data[12..], ipv6 ? (ushort)0x86DD : (ushort)0x0800);
        Span<byte> ip = data[EthernetLength..];
        byte protocol = tcp ? (byte)6 : (byte)17;
        int segment = length - EthernetLength - ipLength;
        if (ipv6)
        {
            ip[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)segment);
            ip[6] = protocol;
            ip[7] = 64;
            for (int i = 0; i < 32; i++)
            {
                ip[8 + i] = (byte)(0xF0 - i * 5);
            }
        }
        else
        {
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(length - EthernetLength));
            ip[8] = 64;
            ip[9] = protocol;
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], 0xBEEF);
            BinaryPrimitives.WriteUInt32BigEndian(ip[12..], 0xC0A8_0A01);
            BinaryPrimitives.WriteUInt32BigEndian(ip[16..], 0xAC10_FE33);
        }

        Span<byte> l4 = ip[ipLength..];
        BinaryPrimitives.WriteUInt16BigEndian(l4, 40000);
        BinaryPrimitives.WriteUInt16BigEndian(l4[2..], tcp ? (ushort)443 : (ushort)4789);
        if (tcp)
        {
            BinaryPrimitives.WriteUInt32BigEndian(l4[4..], 0x1234_5678);
            l4[12] = 5 << 4;
            l4[13] = 0x18;
            BinaryPrimitives.WriteUInt16BigEndian(l4[14..], 0xFFFF);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(l4[4..], (ushort)segment);
        }

        for (int i = l4Length; i < segment; i++)
        {
            l4[i] = (byte)(i * 13 + 7);
        }
    }

    /// <summary>Offset of the L4 checksum field in a frame <see cref="Write"/> made.</summary>
    public static int L4ChecksumOffset(bool ipv6, bool tcp) => EthernetLength + HeaderLengths(ipv6, tcp).Ip + (tcp ? 16 : 6);

    /// <summary>Whether the frame's TCP/UDP checksum verifies: pseudo-header plus segment sums to 0xFFFF.</summary>
    public static bool L4ChecksumValid(ReadOnlySpan<byte> frame)
    {
        bool ipv6 = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == 0x86DD;
        ReadOnlySpan<byte> ip = frame[EthernetLength..];
        int ipLength = ipv6 ? 40 : (ip[0] & 0xF) * 4;
        int segment = ipv6 ? BinaryPrimitives.ReadUInt16BigEndian(ip[4..]) : BinaryPrimitives.ReadUInt16BigEndian(ip[2..]) - ipLength;
        byte protocol = ipv6 ? ip[6] : ip[9];
        long sum = protocol + segment;
        ReadOnlySpan<byte> addresses = ipv6 ? ip.Slice(8, 32) : ip.Slice(12, 8);
        sum += WordSum(addresses) + WordSum(ip.Slice(ipLength, segment));
        return Fold(sum) == 0xFFFF;
    }

    /// <summary>Whether the IPv4 header checksum verifies.</summary>
    public static bool Ipv4ChecksumValid(ReadOnlySpan<byte> frame)
    {
        ReadOnlySpan<byte> ip = frame[EthernetLength..];
        return Fold(WordSum(ip[..((ip[0] & 0xF) * 4)])) == 0xFFFF;
    }

    /// <summary>The ones' complement sum of the pseudo-header alone, folded: what the driver must seed.</summary>
    public static ushort PseudoHeaderSum(ReadOnlySpan<byte> frame)
    {
        bool ipv6 = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == 0x86DD;
        ReadOnlySpan<byte> ip = frame[EthernetLength..];
        int ipLength = ipv6 ? 40 : (ip[0] & 0xF) * 4;
        int segment = ipv6 ? BinaryPrimitives.ReadUInt16BigEndian(ip[4..]) : BinaryPrimitives.ReadUInt16BigEndian(ip[2..]) - ipLength;
        return (ushort)Fold((ipv6 ? ip[6] : ip[9]) + segment + WordSum(ipv6 ? ip.Slice(8, 32) : ip.Slice(12, 8)));
    }

    private static long WordSum(ReadOnlySpan<byte> bytes)
    {
        long sum = 0;
        for (int i = 0; i < bytes.Length; i += 2)
        {
            sum += (bytes[i] << 8) | (i + 1 < bytes.Length ? bytes[i + 1] : 0);
        }

        return sum;
    }

    private static long Fold(long sum)
    {
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return sum;
    }
}
