using System.Buffers.Binary;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Rss;
using FastPath.Drivers.Ixgbe.Registers;

namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>
/// What the 82599's receive parser reports for a frame: packet type, RSS type and hash (82599 datasheet 7.1.2.8: the
/// hash input is source address, destination address, then source and destination ports), and checksum status bits.
/// </summary>
/// <param name="PacketType">Packet type for descriptor bits 16:4.</param>
/// <param name="RssType">RSS type for descriptor bits 3:0; 0 when no enabled field set matched.</param>
/// <param name="RssHash">The Toeplitz hash; 0 when <paramref name="RssType"/> is 0.</param>
/// <param name="Status">Checksum status and error bits for the descriptor's status/error word.</param>
public readonly record struct FrameClassification(uint PacketType, uint RssType, uint RssHash, uint Status)
{
    private const byte Tcp = 6;
    private const byte Udp = 17;

    /// <summary>Classifies <paramref name="frame"/> (CRC excluded) under the MRQC field enables and key.</summary>
    public static FrameClassification Classify(ReadOnlySpan<byte> frame, uint mrqc, ReadOnlySpan<byte> key)
    {
        if (frame.Length < 14)
        {
            return default;
        }

        int offset = 14;
        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        if (etherType == 0x8100 && frame.Length >= 18)
        {
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[16..]);
            offset = 18;
        }

        ReadOnlySpan<byte> ip = frame[offset..];
        uint packetType = 0, status = 0;
        bool ipv6;
        byte protocol;
        int headerLength;
        bool fragment = false;
        if (etherType == 0x0800 && ip.Length >= 20 && ip[0] >> 4 == 4)
        {
            ipv6 = false;
            headerLength = (ip[0] & 0xF) * 4;
            if (headerLength < 20 || ip.Length < headerLength)
            {
                return default;
            }

            packetType |= AdvancedRxStatus.PacketTypeIPv4;
            status |= AdvancedRxStatus.IpChecksumChecked;
            if (InternetChecksum.Finish(InternetChecksum.Add(0, ip[..headerLength])) != 0)
            {
                status |= AdvancedRxStatus.IpChecksumError;
            }

            protocol = ip[9];
            fragment = (BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x3FFF) != 0;
            ip = ip[..Math.Min(ip.Length, BinaryPrimitives.ReadUInt16BigEndian(ip[2..]))];
        }
        else if (etherType == 0x86DD && ip.Length >= 40 && ip[0] >> 4 == 6)
        {
            ipv6 = true;
            headerLength = 40;
            packetType |= AdvancedRxStatus.PacketTypeIPv6;
            protocol = ip[6];
            ip = ip[..Math.Min(ip.Length, 40 + BinaryPrimitives.ReadUInt16BigEndian(ip[4..]))];
        }
        else
        {
            return default;
        }

        ReadOnlySpan<byte> l4 = ip[headerLength..];
        bool tcp = !fragment && protocol == Tcp && l4.Length >= 20;
        bool udp = !fragment && protocol == Udp && l4.Length >= 8;
        if (tcp || udp)
        {
            packetType |= tcp ? AdvancedRxStatus.PacketTypeTcp : AdvancedRxStatus.PacketTypeUdp;
            bool checksummed = tcp || BinaryPrimitives.ReadUInt16BigEndian(l4[6..]) != 0 || ipv6;
            if (checksummed)
            {
                status |= AdvancedRxStatus.L4ChecksumChecked;
                uint sum = InternetChecksum.Add(InternetChecksum.PseudoHeader(ip, ipv6, protocol, l4.Length), l4);
                if (InternetChecksum.Finish(sum) != 0)
                {
                    status |= AdvancedRxStatus.L4ChecksumError;
                }
            }
        }

        Span<byte> input = stackalloc byte[36];
        int addressBytes = ipv6 ? 32 : 8;
        ip.Slice(ipv6 ? 8 : 12, addressBytes).CopyTo(input);
        l4[..Math.Min(4, l4.Length)].CopyTo(input[addressBytes..]);
        uint rssType = 0;
        int inputLength = addressBytes;
        if (tcp && (mrqc & (ipv6 ? IxgbeBits.MrqcIPv6Tcp : IxgbeBits.MrqcIPv4Tcp)) != 0)
        {
            rssType = ipv6 ? AdvancedRxStatus.RssTypeIPv6Tcp : AdvancedRxStatus.RssTypeIPv4Tcp;
            inputLength += 4;
        }
        else if (udp && (mrqc & (ipv6 ? IxgbeBits.MrqcIPv6Udp : IxgbeBits.MrqcIPv4Udp)) != 0)
        {
            rssType = ipv6 ? AdvancedRxStatus.RssTypeIPv6Udp : AdvancedRxStatus.RssTypeIPv4Udp;
            inputLength += 4;
        }
        else if ((mrqc & (ipv6 ? IxgbeBits.MrqcIPv6 : IxgbeBits.MrqcIPv4)) != 0)
        {
            rssType = ipv6 ? AdvancedRxStatus.RssTypeIPv6 : AdvancedRxStatus.RssTypeIPv4;
        }

        if ((mrqc & 0xF) != IxgbeBits.MrqcRssEnable)
        {
            rssType = 0;
        }

        uint hash = rssType == 0 ? 0 : ToeplitzHash.Compute(key, input[..inputLength]);
        return new FrameClassification(packetType, rssType, hash, status);
    }
}
