using System.Buffers.Binary;
using FastPath.Net;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>
/// Checks and builds the IPv4 header and UDP checksums of Ethernet/IPv4/UDP frames in software (RFC 791, RFC 768: the
/// UDP checksum covers a pseudo-header of the addresses, the protocol and the UDP length, then the UDP header and data).
/// </summary>
public static class UdpChecksums
{
    private const int Ipv4 = 14;
    private const int Udp = Ipv4 + 20;

    /// <summary>Whether the IPv4 header checksum is right (the sum over the header, checksum included, is 0xFFFF).</summary>
    public static bool Ipv4HeaderIsValid(ReadOnlySpan<byte> frame) => Fold(Sum(frame.Slice(Ipv4, 20), 0)) == 0xFFFF;

    /// <summary>Whether the UDP checksum is right: the sum over pseudo-header, header and data is 0xFFFF.</summary>
    public static bool UdpIsValid(ReadOnlySpan<byte> frame) => Fold(Sum(UdpSegment(frame), PseudoHeaderSum(frame))) == 0xFFFF;

    /// <summary>The UDP checksum field as sent: 0 means the sender computed none.</summary>
    public static ushort UdpField(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16BigEndian(frame[(Udp + 6)..]);

    /// <summary>The IPv4 header checksum field as sent.</summary>
    public static ushort Ipv4Field(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16BigEndian(frame[(Ipv4 + 10)..]);

    /// <summary>
    /// Writes a 60-byte Ethernet/IPv4/UDP frame (64 on the wire) with a right IPv4 checksum and a UDP checksum that is
    /// right, or, with <paramref name="corruptUdp"/>, nonzero and wrong: a frame a checksum check must flag.
    /// </summary>
    public static void WriteFrame(Span<byte> frame, MacAddress destination, MacAddress source, bool corruptUdp)
    {
        frame[..60].Clear();
        destination.CopyTo(frame);
        source.CopyTo(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x0800);
        frame[Ipv4] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(frame[(Ipv4 + 2)..], 46);
        frame[Ipv4 + 8] = 64;
        frame[Ipv4 + 9] = 17;
        BinaryPrimitives.WriteUInt32BigEndian(frame[(Ipv4 + 12)..], 0xC6120001);
        BinaryPrimitives.WriteUInt32BigEndian(frame[(Ipv4 + 16)..], 0xC6130001);
        BinaryPrimitives.WriteUInt16BigEndian(frame[(Ipv4 + 10)..], (ushort)~Fold(Sum(frame.Slice(Ipv4, 20), 0)));
        BinaryPrimitives.WriteUInt16BigEndian(frame[Udp..], 9);
        BinaryPrimitives.WriteUInt16BigEndian(frame[(Udp + 2)..], 9);
        BinaryPrimitives.WriteUInt16BigEndian(frame[(Udp + 4)..], 26);
        frame.Slice(Udp + 8, 18).Fill(0xA5);
        ushort right = (ushort)~Fold(Sum(UdpSegment(frame), PseudoHeaderSum(frame)));
        right = right == 0 ? (ushort)0xFFFF : right;
        BinaryPrimitives.WriteUInt16BigEndian(frame[(Udp + 6)..], corruptUdp ? (ushort)(right ^ 0x0101) : right);
    }

    private static ReadOnlySpan<byte> UdpSegment(ReadOnlySpan<byte> frame) => frame.Slice(Udp, BinaryPrimitives.ReadUInt16BigEndian(frame[(Udp + 4)..]));

    private static uint PseudoHeaderSum(ReadOnlySpan<byte> frame) =>
        Sum(frame.Slice(Ipv4 + 12, 8), 0) + frame[Ipv4 + 9] + BinaryPrimitives.ReadUInt16BigEndian(frame[(Udp + 4)..]);

    private static uint Sum(ReadOnlySpan<byte> bytes, uint sum)
    {
        int i = 0;
        for (; i + 1 < bytes.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
        }

        return i < bytes.Length ? sum + (uint)(bytes[i] << 8) : sum;
    }

    private static uint Fold(uint sum)
    {
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return sum;
    }
}
