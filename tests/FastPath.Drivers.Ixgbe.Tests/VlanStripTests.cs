using System.Buffers.Binary;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Ixgbe;
using FastPath.Mempool.Buffers;
using FastPath.Ports;

namespace FastPath.Drivers.Ixgbe.Tests;

/// <summary>
/// VLAN stripping on the 82599 (RXDCTL.VME per queue) against the model: with it, a tagged frame arrives without its
/// four tag bytes, its tag in the buffer's <c>VlanTci</c> and <see cref="PacketFlags.Vlan"/> set, and is still
/// parsed past the tag for its checksums; without it, the frame arrives as it was sent and carries no VLAN metadata.
/// </summary>
public sealed unsafe class VlanStripTests
{
    private const ushort Tci = 0x6123; // priority 3, VLAN id 0x123

    [Fact]
    public void AStrippingQueue_TakesTheTagOutOfTheFrameIntoTheMetadata()
    {
        using var pair = new SimulatedPair(b: new IxgbePortOptions { Rx = new RxQueueOptions { VlanStrip = true } });
        Assert.True(pair.PortB.Info.RxOffloads.HasFlag(RxOffloads.VlanStrip));
        Assert.True(pair.PortB.Configuration.RxOffloads!.Value.HasFlag(RxOffloads.VlanStrip));
        (Packet tagged, byte[] untagged) = TaggedFrame(pair, 100);
        Assert.Equal(1, pair.PortA.GetTxQueue(0).TxBurst([tagged]));

        Packet received = Assert.Single(pair.Receive(1));
        try
        {
            Assert.Equal(untagged, received.Data.ToArray());
            Assert.True(received.Flags.HasFlag(PacketFlags.Vlan), received.Flags.ToString());
            Assert.Equal(Tci, received.Buffer->VlanTci);
            Assert.True(received.Flags.HasFlag(PacketFlags.IpChecksumGood), "the IPv4 header behind the tag was not checked: " + received.Flags);
        }
        finally
        {
            pair.RxPoolB.Free([received]);
        }
    }

    [Fact]
    public void WithoutStripping_TheTagStaysInTheFrame_AndNoVlanFlagIsSet()
    {
        using var pair = new SimulatedPair();
        Assert.False(pair.PortB.Configuration.RxOffloads!.Value.HasFlag(RxOffloads.VlanStrip));
        (Packet tagged, _) = TaggedFrame(pair, 100);
        byte[] sent = tagged.Data.ToArray();
        Assert.Equal(1, pair.PortA.GetTxQueue(0).TxBurst([tagged]));

        Packet received = Assert.Single(pair.Receive(1));
        try
        {
            Assert.Equal(sent, received.Data.ToArray());
            Assert.False(received.Flags.HasFlag(PacketFlags.Vlan), received.Flags.ToString());
        }
        finally
        {
            pair.RxPoolB.Free([received]);
        }
    }

    [Fact]
    public void Configure_TurnsStrippingOnBetweenStopAndStart()
    {
        using var pair = new SimulatedPair();
        pair.PortB.Stop();
        pair.PortB.Configure(pair.PortB.Configuration with { RxOffloads = pair.PortB.Configuration.RxOffloads | RxOffloads.VlanStrip });
        pair.PortB.Start();
        Assert.True(pair.PortB.Configuration.RxOffloads!.Value.HasFlag(RxOffloads.VlanStrip));
        (Packet tagged, byte[] untagged) = TaggedFrame(pair, 80);
        Assert.Equal(1, pair.PortA.GetTxQueue(0).TxBurst([tagged]));

        Packet received = Assert.Single(pair.Receive(1));
        try
        {
            Assert.Equal(untagged, received.Data.ToArray());
            Assert.Equal(Tci, received.Buffer->VlanTci);
        }
        finally
        {
            pair.RxPoolB.Free([received]);
        }
    }

    /// <summary>A UDP frame of <paramref name="length"/> bytes with an 802.1Q tag inserted after the MAC addresses, and the frame without it.</summary>
    private static (Packet Tagged, byte[] Untagged) TaggedFrame(SimulatedPair pair, int length)
    {
        Packet frame = pair.Frame(length);
        byte[] untagged = frame.Data.ToArray();
        frame.Length = 0;
        Span<byte> data = frame.Append(length + 4);
        untagged.AsSpan(0, 12).CopyTo(data);
        BinaryPrimitives.WriteUInt16BigEndian(data[12..], 0x8100);
        BinaryPrimitives.WriteUInt16BigEndian(data[14..], Tci);
        untagged.AsSpan(12).CopyTo(data[16..]);
        return (frame, untagged);
    }
}
