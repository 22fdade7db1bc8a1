using System.Buffers.Binary;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Ixgbe.Model;
using FastPath.Testing;

namespace FastPath.Drivers.Ixgbe.Tests;

/// <summary>
/// The model's transmit checksum insertion computes what the 82599 computes (datasheet 7.2.5) and no more: no
/// pseudo-header of its own, no clearing of the checksum fields. A frame sent the way the driver used to send it (L4
/// field 0, IPv4 checksum field as the application left it) must leave with wrong checksums.
/// </summary>
public sealed class TxChecksumOffloadTests
{
    private static readonly byte[] Destination = [0x02, 0, 0, 0, 0x99, 0x02];
    private static readonly byte[] Source = [0x02, 0, 0, 0, 0x99, 0x01];

    public static TheoryData<bool, bool> Kinds => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AnUnseededL4FieldLeavesWithoutThePseudoHeader(bool ipv6, bool tcp)
    {
        byte[] frame = Frame(ipv6, tcp);
        int field = ChecksumFrames.L4ChecksumOffset(ipv6, tcp);
        int l4Start = ChecksumFrames.EthernetLength + ChecksumFrames.HeaderLengths(ipv6, tcp).Ip;

        TxChecksumOffload.Apply(frame, Context(ipv6, tcp), AdvancedTxBits.InsertL4Checksum);

        Assert.False(ChecksumFrames.L4ChecksumValid(frame), "the model added a pseudo-header the 82599 does not add");
        // Exactly the complement of the segment's own sum: put the pseudo-header sum in and it verifies.
        ushort inserted = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(field));
        byte[] segment = frame[l4Start..];
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(field - l4Start), 0);
        Assert.Equal(Complement(Sum(segment)), inserted);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ASeededL4FieldLeavesWithAValidChecksum(bool ipv6, bool tcp)
    {
        byte[] frame = Frame(ipv6, tcp);
        int field = ChecksumFrames.L4ChecksumOffset(ipv6, tcp);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(field), ChecksumFrames.PseudoHeaderSum(frame));

        TxChecksumOffload.Apply(frame, Context(ipv6, tcp), AdvancedTxBits.InsertL4Checksum);

        Assert.True(ChecksumFrames.L4ChecksumValid(frame));
    }

    [Fact]
    public void TheIpv4HeaderChecksumIncludesWhateverTheFieldHolds()
    {
        byte[] garbage = Frame(ipv6: false, tcp: false);
        TxChecksumOffload.Apply(garbage, Context(false, false), AdvancedTxBits.InsertIpChecksum);
        Assert.False(ChecksumFrames.Ipv4ChecksumValid(garbage), "the model cleared the IPv4 checksum field before summing");

        byte[] zeroed = Frame(ipv6: false, tcp: false);
        zeroed[24] = 0;
        zeroed[25] = 0;
        TxChecksumOffload.Apply(zeroed, Context(false, false), AdvancedTxBits.InsertIpChecksum);
        Assert.True(ChecksumFrames.Ipv4ChecksumValid(zeroed));
    }

    [Fact]
    public void WithoutTxsmTheL4FieldIsLeftAlone()
    {
        byte[] frame = Frame(ipv6: false, tcp: true);
        byte[] before = [.. frame];
        TxChecksumOffload.Apply(frame, Context(false, true), 0);
        Assert.Equal(before, frame);
    }

    private static byte[] Frame(bool ipv6, bool tcp)
    {
        var frame = new byte[ipv6 ? 333 : 301];
        ChecksumFrames.Build(frame, ipv6, tcp, Destination, Source);
        return frame;
    }

    private static AdvancedTxDescriptor Context(bool ipv6, bool tcp) => new()
    {
        VlanMacIpLengths = (uint)ChecksumFrames.HeaderLengths(ipv6, tcp).Ip | (ChecksumFrames.EthernetLength << AdvancedTxBits.MacLengthShift),
        TypeTucmdMlhl = AdvancedTxBits.TypeContext | AdvancedTxBits.Extended | (ipv6 ? 0 : AdvancedTxBits.ContextIPv4) | (tcp ? AdvancedTxBits.ContextTcp : AdvancedTxBits.ContextUdp),
    };

    private static uint Sum(ReadOnlySpan<byte> bytes)
    {
        uint sum = 0;
        for (int i = 0; i < bytes.Length; i += 2)
        {
            sum += (uint)(bytes[i] << 8 | (i + 1 < bytes.Length ? bytes[i + 1] : 0));
        }

        return sum;
    }

    private static ushort Complement(uint sum)
    {
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
