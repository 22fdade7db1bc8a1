using System.Buffers.Binary;

namespace L3Router.Tests;

/// <summary>Builds Ethernet II frames carrying IPv4 for the forwarder tests, and checks checksums the slow way.</summary>
internal static class TestFrames
{
    public const ulong SenderMac = 0x0A00_0000_00AA;
    public const ulong RouterMac = 0x0200_0000_0F00;

    /// <summary>A frame with a correct header checksum; <paramref name="vlan"/> inserts one 802.1Q tag.</summary>
    public static byte[] Ipv4(uint destination, byte ttl = 64, int headerWords = 5, int payload = 26,
        bool vlan = false, uint source = 0xC0A8_0001, ushort identification = 0x1234, byte protocol = 17)
    {
        int l3 = vlan ? 18 : 14;
        int headerLength = headerWords * 4;
        var frame = new byte[l3 + headerLength + payload];
        WriteMac(frame, RouterMac);
        WriteMac(frame.AsSpan(6), SenderMac);
        if (vlan)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x8100);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14), 0x0064);
        }
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(l3 - 2), 0x0800);
        Span<byte> ip = frame.AsSpan(l3);
        ip[0] = (byte)(0x40 | headerWords);
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(headerLength + payload));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], identification);
        ip[8] = ttl;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destination);
        for (int i = 20; i < headerLength; i++)
            ip[i] = 1; // NOP options
        SetChecksum(frame, l3);
        return frame;
    }

    /// <summary>Recomputes and stores the header checksum of the IPv4 header at <paramref name="l3"/>.</summary>
    public static void SetChecksum(byte[] frame, int l3 = 14)
    {
        Span<byte> ip = frame.AsSpan(l3);
        int headerLength = (ip[0] & 0x0F) * 4;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], ReferenceChecksum(ip[..headerLength]));
    }

    /// <summary>RFC 791 the plain way: complement of the ones'-complement sum of the 16-bit words, checksum field as zero.</summary>
    public static ushort ReferenceChecksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (int i = 0; i < header.Length; i += 2)
        {
            if (i == 10)
                continue;
            sum += (uint)(header[i] << 8 | header[i + 1]);
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    public static ulong ReadMac(ReadOnlySpan<byte> at) =>
        (ulong)BinaryPrimitives.ReadUInt16BigEndian(at) << 32 | BinaryPrimitives.ReadUInt32BigEndian(at[2..]);

    public static void WriteMac(Span<byte> at, ulong mac)
    {
        BinaryPrimitives.WriteUInt16BigEndian(at, (ushort)(mac >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(at[2..], (uint)mac);
    }
}
