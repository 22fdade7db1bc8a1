using System.Buffers.Binary;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Ixgbe.Registers;
using FastPath.Mempool.Buffers;
using FastPath.Ports;

namespace FastPath.Drivers.Ixgbe.Tests;

/// <summary>
/// VLAN insertion on transmit (context descriptor VLAN field and DCMD.VLE) and the VLAN filter table (VFTA with
/// VLNCTRL.VFE) on the 82599 model, through the real driver: a packet asking for a tag leaves tagged, checksums
/// computed over the untagged headers; with a filter, tagged frames pass only with an accepted id, untagged ones always,
/// and removing the last id makes the port VLAN-promiscuous again.
/// </summary>
public sealed unsafe class VlanInsertAndFilterTests
{
    private const ushort Tci = 0x6123; // priority 3, VLAN id 0x123

    [Fact]
    public void APacketAskingForATag_LeavesTagged_AfterTheSourceAddress()
    {
        using var pair = new SimulatedPair();
        Assert.True(pair.PortA.Info.TxOffloads.HasFlag(TxOffloads.VlanInsert));
        Packet frame = pair.Frame(100);
        byte[] untagged = frame.Data.ToArray();
        frame.Flags = PacketFlags.TxVlan;
        frame.Metadata.VlanTci = Tci;
        Assert.Equal(1, pair.PortA.GetTxQueue(0).TxBurst([frame]));

        Packet received = Assert.Single(pair.Receive(1));
        try
        {
            Assert.Equal(Tagged(untagged, Tci), received.Data.ToArray());
        }
        finally
        {
            received.Free();
        }
    }

    [Fact]
    public void InsertionWithChecksums_AndStrippingAtThePeer_GiveBackTheFrameAndItsTag()
    {
        using var pair = new SimulatedPair(b: new IxgbePortOptions { Rx = new RxQueueOptions { VlanStrip = true } });
        Packet frame = pair.Frame(300);
        BinaryPrimitives.WriteUInt16BigEndian(frame.Data[24..], 0);
        byte[] sent = frame.Data.ToArray();
        frame.Metadata.L2Length = 14;
        frame.Metadata.L3Length = 20;
        frame.Metadata.L4Length = 8;
        frame.Metadata.VlanTci = Tci;
        frame.Flags = PacketFlags.TxVlan | PacketFlags.TxIpChecksum | PacketFlags.TxUdpChecksum | PacketFlags.TxIPv4;
        Assert.Equal(1, pair.PortA.GetTxQueue(0).TxBurst([frame]));

        Packet received = Assert.Single(pair.Receive(1));
        try
        {
            byte[] bytes = received.Data.ToArray();
            Assert.Equal(sent.Length, bytes.Length);
            Assert.Equal(sent.AsSpan(42).ToArray(), bytes.AsSpan(42).ToArray());
            Assert.True(received.Flags.HasFlag(PacketFlags.Vlan), received.Flags.ToString());
            Assert.Equal(Tci, received.Metadata.VlanTci);
            Assert.True(received.Flags.HasFlag(PacketFlags.IpChecksumGood), received.Flags.ToString());
            Assert.True(received.Flags.HasFlag(PacketFlags.L4ChecksumGood), received.Flags.ToString());
        }
        finally
        {
            received.Free();
        }
    }

    [Fact]
    public void AJumboChainAskingForATag_IsStrippedAtThePeer_IntoAChainOfTheSameBytes()
    {
        var options = new IxgbePortOptions { MaxFrameSize = 9018, Rx = new RxQueueOptions { Scatter = true, VlanStrip = true } };
        using var pair = new SimulatedPair(options, options);
        byte[] frame = ScatterTests.Frame(pair, 9000, seed: 21);
        Packet chain = ScatterTests.Chain(pair, frame, 2000);
        chain.Flags = PacketFlags.TxVlan;
        chain.Metadata.VlanTci = Tci;
        Assert.Equal(1, pair.PortA.GetTxQueue(0).TxBurst([chain]));

        Packet received = Assert.Single(pair.Receive(1));
        try
        {
            Assert.Equal(frame, ScatterTests.Bytes(received));
            Assert.Equal(Tci, received.Metadata.VlanTci);
            Assert.True(received.Flags.HasFlag(PacketFlags.Vlan));
        }
        finally
        {
            received.Free();
        }
    }

    [Fact]
    public void WithoutTheInsertOffload_TheRequestIsIgnored()
    {
        using var pair = new SimulatedPair();
        IPort sender = pair.PortA;
        sender.Stop();
        sender.Configure(sender.Configuration with { TxOffloads = sender.Configuration.TxOffloads & ~TxOffloads.VlanInsert });
        sender.Start();
        Assert.False(sender.Configuration.TxOffloads!.Value.HasFlag(TxOffloads.VlanInsert));
        pair.PortB.Start();
        Packet frame = pair.Frame(100);
        byte[] untagged = frame.Data.ToArray();
        frame.Flags = PacketFlags.TxVlan;
        frame.Metadata.VlanTci = Tci;
        sender.GetTxQueue(0).TxBurst([frame]);

        Packet received = Assert.Single(pair.Receive(1));
        Assert.Equal(untagged, received.Data.ToArray());
        received.Free();
    }

    [Fact]
    public void WithInsertionButNotTheChecksumOffloads_TheTagGoesIn_AndTheChecksumRequestIsIgnored()
    {
        using var pair = new SimulatedPair();
        IPort sender = pair.PortA;
        sender.Stop();
        sender.Configure(sender.Configuration with { TxOffloads = TxOffloads.VlanInsert | TxOffloads.MultiSegment });
        sender.Start();
        pair.PortB.Start();
        Packet frame = pair.Frame(100);
        BinaryPrimitives.WriteUInt16BigEndian(frame.Data[24..], 0);
        byte[] untagged = frame.Data.ToArray();
        frame.Metadata.L2Length = 14;
        frame.Metadata.L3Length = 20;
        frame.Metadata.VlanTci = Tci;
        frame.Flags = PacketFlags.TxVlan | PacketFlags.TxIpChecksum | PacketFlags.TxIPv4;
        sender.GetTxQueue(0).TxBurst([frame]);

        Packet received = Assert.Single(pair.Receive(1));
        Assert.Equal(Tagged(untagged, Tci), received.Data.ToArray());
        Assert.True(received.Flags.HasFlag(PacketFlags.IpChecksumBad), "the zeroed IPv4 checksum was computed although the offload is off: " + received.Flags);
        received.Free();
    }

    [Fact]
    public void TheFilter_PassesAcceptedIdsAndUntaggedFrames_DropsOtherIds_AndIsPromiscuousAgainWithoutIds()
    {
        using var pair = new SimulatedPair();
        IPort port = pair.PortB;
        Assert.True(port.Info.Capabilities.HasFlag(PortCapabilities.VlanFilter));
        byte[] untagged = ScatterTests.Frame(pair, 100, seed: 1);
        Assert.Equal(3, Pass(pair, untagged, Tagged(untagged, 100), Tagged(untagged, 200)));

        port.SetVlanFilter(100, accept: true);
        Assert.NotEqual(0u, pair.DeviceB.Model.ReadRegister(IxgbeRegister.VlanControl) & IxgbeBits.VlanFilterEnable);
        Assert.Equal(1u << (100 & 31), pair.DeviceB.Model.ReadRegister(IxgbeRegister.VlanFilterTable(100 >> 5)));
        Assert.Equal(1, Pass(pair, Tagged(untagged, 100)));
        Assert.Equal(0, Pass(pair, Tagged(untagged, 200)));
        Assert.Equal(1, Pass(pair, untagged));
        // The priority bits do not take part: id 100 with priority 5 passes.
        Assert.Equal(1, Pass(pair, Tagged(untagged, (5 << 13) | 100)));

        port.SetVlanFilter(200, accept: true);
        port.SetVlanFilter(100, accept: false);
        Assert.Equal(0, Pass(pair, Tagged(untagged, 100)));
        Assert.Equal(1, Pass(pair, Tagged(untagged, 200)));

        port.SetVlanFilter(200, accept: false);
        Assert.Equal(0u, pair.DeviceB.Model.ReadRegister(IxgbeRegister.VlanControl) & IxgbeBits.VlanFilterEnable);
        Assert.Equal(2, Pass(pair, Tagged(untagged, 100), Tagged(untagged, 300)));
        Assert.Throws<ArgumentOutOfRangeException>(() => port.SetVlanFilter(4096, accept: true));
    }

    [Fact]
    public void TheFilter_SurvivesAReconfiguration()
    {
        using var pair = new SimulatedPair();
        IPort port = pair.PortB;
        port.SetVlanFilter(7, accept: true);
        port.Stop();
        port.Configure(port.Configuration with { RxDescriptors = 256 });
        port.Start();
        byte[] untagged = ScatterTests.Frame(pair, 100, seed: 2);
        Assert.Equal(0, Pass(pair, Tagged(untagged, 8)));
        Assert.Equal(1, Pass(pair, Tagged(untagged, 7)));
    }

    /// <summary>Delivers <paramref name="frames"/> to B from the wire and returns how many B received.</summary>
    private static int Pass(SimulatedPair pair, params byte[][] frames)
    {
        foreach (byte[] frame in frames)
        {
            pair.DeviceB.Model.ReceiveFromWire(ScatterTests.WithFcs(frame));
        }

        List<Packet> received = pair.Receive(frames.Length);
        foreach (Packet packet in received)
        {
            packet.Free();
        }

        return received.Count;
    }

    private static byte[] Tagged(byte[] untagged, int tci)
    {
        var tagged = new byte[untagged.Length + 4];
        untagged.AsSpan(0, 12).CopyTo(tagged);
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(12), 0x8100);
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(14), (ushort)tci);
        untagged.AsSpan(12).CopyTo(tagged.AsSpan(16));
        return tagged;
    }
}
