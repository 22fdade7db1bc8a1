using System.Buffers.Binary;

namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>The 16-bit ones' complement checksum of IPv4, TCP and UDP (RFC 1071), as the device computes and checks it.</summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> as big-endian 16-bit words to a running 32-bit sum.</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        return sum;
    }

    /// <summary>Folds a running sum into the final complemented checksum.</summary>
    public static ushort Finish(uint sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>The pseudo-header sum of a TCP/UDP segment of <paramref name="l4Length"/> bytes in the IP packet at <paramref name="ip"/>.</summary>
    public static uint PseudoHeader(ReadOnlySpan<byte> ip, bool ipv6, byte protocol, int l4Length)
    {
        uint sum = ipv6 ? Add(0, ip.Slice(8, 32)) : Add(0, ip.Slice(12, 8));
        return sum + protocol + (uint)l4Length;
    }
}
