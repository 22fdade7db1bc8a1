using System.Buffers.Binary;
using FastPath.Net;

namespace FastPath.Ports.Virtual;

/// <summary>
/// Builds a valid Ethernet/IPv4/UDP test frame: locally administered source MAC, broadcast destination,
/// 198.18.0.1 → 198.18.0.2 (the RFC 2544 benchmarking range), UDP 9 → 9 (discard), zero payload, correct IPv4
/// header checksum and UDP checksum 0 (none).
/// </summary>
public static class SyntheticFrame
{
    /// <summary>Bytes of the Ethernet, IPv4 and UDP headers.</summary>
    public const int HeaderLength = EthernetHeaderLength + Ipv4HeaderLength + UdpHeaderLength;

    /// <summary>The shortest Ethernet frame, without its FCS.</summary>
    public const int MinimumLength = 60;

    private const int EthernetHeaderLength = 14;
    private const int Ipv4HeaderLength = 20;
    private const int UdpHeaderLength = 8;
    private const ushort EtherTypeIpv4 = 0x0800;
    private const byte ProtocolUdp = 17;
    private const uint SourceAddress = 0xC612_0001;
    private const uint DestinationAddress = 0xC612_0002;
    private const ushort DiscardPort = 9;

    /// <summary>Writes a frame filling all of <paramref name="destination"/>.</summary>
    /// <param name="destination">The frame bytes; its length is the frame length.</param>
    /// <param name="source">The source MAC address.</param>
    /// <exception cref="ArgumentException">The frame is shorter than <see cref="MinimumLength"/> or longer than an IPv4 packet can be.</exception>
    public static void Write(Span<byte> destination, MacAddress source)
    {
        if (destination.Length < MinimumLength || destination.Length > ushort.MaxValue + EthernetHeaderLength)
        {
            throw new ArgumentException(
                $"A synthetic frame must be {MinimumLength} to {ushort.MaxValue + EthernetHeaderLength} bytes long; {destination.Length} were asked.", nameof(destination));
        }

        destination.Clear();
        MacAddress.Broadcast.CopyTo(destination);
        source.CopyTo(destination[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], EtherTypeIpv4);

        Span<byte> ip = destination.Slice(EthernetHeaderLength, Ipv4HeaderLength);
        int ipLength = destination.Length - EthernetHeaderLength;
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)ipLength);
        ip[8] = 64;
        ip[9] = ProtocolUdp;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], SourceAddress);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], DestinationAddress);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Ipv4Checksum(ip));

        Span<byte> udp = destination.Slice(EthernetHeaderLength + Ipv4HeaderLength, UdpHeaderLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp, DiscardPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], DiscardPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(ipLength - Ipv4HeaderLength));
    }

    /// <summary>The ones' complement checksum of an IPv4 header whose checksum field is zero.</summary>
    public static ushort Ipv4Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
