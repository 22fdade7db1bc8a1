using System.Buffers.Binary;
using FastPath.Drivers.Intel.Descriptors;

namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>
/// The 82599's transmit checksum insertion for a frame that is not segmented, computed as the datasheet says the
/// device computes it and nothing more (82599 datasheet 7.2.5 "Transmit Checksum Offloading in Non-segmentation
/// Mode", with the context fields of 7.2.3.2.3):
/// <list type="bullet">
/// <item>POPTS.IXSM with TUCMD.IPV4: the IPv4 header checksum at MACLEN+10 becomes the complement of the ones'
/// complement sum of the IPLEN header bytes as they are, the checksum field included; the device does not clear the
/// field first, so software hands it over as 0.</item>
/// <item>POPTS.TXSM with TUCMD.L4T TCP (field at +16) or UDP (+6): the checksum field becomes the complement of the ones'
/// complement sum of every 16-bit word from MACLEN+IPLEN to the last byte of the frame's data, the checksum field
/// included. The device adds no pseudo-header of its own: software seeds the field with the pseudo-header sum (the
/// 82598 datasheet, 3.5.3.5: "for non-TSO, software still needs to calculate a full checksum for the TCP/UDP
/// pseudo-header"). A frame sent with the field at 0 leaves with a checksum that lacks the pseudo-header, which a
/// receiver rejects.</item>
/// </list>
/// The datasheet describes no substitution of 0xFFFF for a UDP result of 0, so none is made.
/// </summary>
public static class TxChecksumOffload
{
    private const int Ipv4ChecksumOffset = 10;
    private const int TcpChecksumOffset = 16;
    private const int UdpChecksumOffset = 6;

    /// <summary>Inserts the checksums <paramref name="offload"/> (the data descriptor's POPTS) asks for into <paramref name="frame"/> (CRC excluded), under <paramref name="context"/>.</summary>
    /// <param name="frame">The frame as the device fetched it.</param>
    /// <param name="context">The context descriptor the data descriptor refers to (MACLEN, IPLEN, TUCMD).</param>
    /// <param name="offload">The data descriptor's offload word (POPTS.IXSM, POPTS.TXSM).</param>
    public static void Apply(Span<byte> frame, in AdvancedTxDescriptor context, uint offload)
    {
        int macLength = (int)(context.VlanMacIpLengths >> AdvancedTxBits.MacLengthShift) & 0x7F;
        int ipLength = (int)context.VlanMacIpLengths & 0x1FF;
        bool ipv4 = (context.TypeTucmdMlhl & AdvancedTxBits.ContextIPv4) != 0;
        if (macLength + ipLength > frame.Length)
        {
            // 7.2.3.2.3: MACLEN+IPLEN beyond the data gives unpredictable results; the model inserts nothing.
            return;
        }

        Span<byte> ip = frame[macLength..];
        if ((offload & AdvancedTxBits.InsertIpChecksum) != 0 && ipv4 && ipLength >= Ipv4ChecksumOffset + 2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(ip[Ipv4ChecksumOffset..], InternetChecksum.Finish(InternetChecksum.Add(0, ip[..ipLength])));
        }

        uint l4Type = context.TypeTucmdMlhl & AdvancedTxBits.ContextL4TypeMask;
        if ((offload & AdvancedTxBits.InsertL4Checksum) != 0 && l4Type is AdvancedTxBits.ContextTcp or AdvancedTxBits.ContextUdp)
        {
            Span<byte> l4 = ip[ipLength..];
            int field = l4Type == AdvancedTxBits.ContextTcp ? TcpChecksumOffset : UdpChecksumOffset;
            if (l4.Length >= field + 2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(l4[field..], InternetChecksum.Finish(InternetChecksum.Add(0, l4)));
            }
        }
    }
}
