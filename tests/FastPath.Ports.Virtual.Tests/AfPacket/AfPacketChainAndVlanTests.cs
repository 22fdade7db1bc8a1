using System.Buffers.Binary;
using System.Diagnostics;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;
using FastPath.Ports.Virtual.AfPacket;

namespace FastPath.Ports.Virtual.Tests.AfPacket;

/// <summary>
/// Chains and VLAN through AF_PACKET on a veth pair with MTU 9000: chains sent linearized, jumbo frames received as
/// chains of 2 KiB buffers, pool exhaustion in the middle of a chain, and the software VLAN strip, insert and filter.
/// </summary>
public sealed class AfPacketChainAndVlanTests
{
    private const int JumboMtu = 9000;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [NetworkNamespaceFact]
    public void Jumbo_chains_are_sent_whole_and_received_as_chains_of_pool_buffers_byte_for_byte()
    {
        using var link = JumboLink();
        using PacketPool pool = TestPools.Create(count: 1024);
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool));
        using AfPacketPort right = link.Right.Run(() => new AfPacketPort(VethLink.RightInterface, pool, new AfPacketPortOptions { PortId = 3 }));
        link.Left.Run(() => left.Configure(left.Configuration with { Mtu = JumboMtu, RxOffloads = RxOffloads.Scatter }));
        link.Right.Run(() => right.Configure(right.Configuration with { Mtu = JumboMtu, RxOffloads = RxOffloads.Scatter }));
        left.Start();
        right.Start();

        Assert.Equal(pool.DataRoom, right.Info.MaxRxSegmentSize);
        Assert.True((right.Info.TxOffloads & TxOffloads.MultiSegment) != 0 && (right.Info.RxOffloads & RxOffloads.Scatter) != 0);
        byte[][] frames = [.. Enumerable.Range(0, 20).Select(i => TestFrames.Udp(i, flow: 1, length: 9014 - i * 300))];

        // Sent as chains of 1000-byte segments: the port linearizes each into one kernel slot.
        Packet[] chains = [.. frames.Select(frame => TestPools.AllocChain(pool, frame, 1000))];
        SendAll(left, chains);
        List<(byte[] Bytes, int Segments)> received = Receive(right, pool, frames.Length);

        Assert.Equal(frames.Length, received.Count);
        for (int i = 0; i < frames.Length; i++)
        {
            Assert.Equal(frames[i], received[i].Bytes);
            Assert.Equal((frames[i].Length + pool.DataRoom - 1) / pool.DataRoom, received[i].Segments);
        }

        ulong bytes = (ulong)frames.Sum(f => f.Length);
        Assert.Equal(bytes, left.GetStatistics().TxBytes);
        Assert.Equal(0UL, left.GetStatistics().TxErrors);
        Assert.True(right.GetStatistics().RxBytes >= bytes);
        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void A_pool_that_runs_out_in_the_middle_of_a_chain_drops_the_whole_frame_counts_it_and_leaks_nothing()
    {
        using var link = JumboLink();
        using PacketPool sendPool = TestPools.Create(count: 64, name: "send");
        using PacketPool receivePool = TestPools.Create(count: 3, name: "receive");
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, sendPool));
        using AfPacketPort right = link.Right.Run(() => new AfPacketPort(VethLink.RightInterface, receivePool));
        link.Left.Run(() => left.Configure(left.Configuration with { Mtu = JumboMtu, RxOffloads = RxOffloads.Scatter }));
        link.Right.Run(() => right.Configure(right.Configuration with { Mtu = JumboMtu, RxOffloads = RxOffloads.Scatter }));
        left.Start();
        right.Start();

        // A 9000-byte frame needs 5 buffers of 2048; the receiving pool has 3. The small frame after it fits one.
        byte[] jumbo = TestFrames.Udp(1, flow: 1, length: 9000);
        byte[] small = TestFrames.Udp(2, flow: 1, length: 100);
        SendAll(left, [TestPools.AllocChain(sendPool, jumbo, 2048), TestPools.AllocChain(sendPool, small, 2048)]);
        List<(byte[] Bytes, int Segments)> received = Receive(right, receivePool, 1);

        Assert.Equal(small, Assert.Single(received).Bytes);
        Assert.Equal(1UL, right.GetStatistics().RxMissed);
        Assert.Equal(0, receivePool.InUse);
        Assert.Equal(0, sendPool.InUse);
    }

    [NetworkNamespaceFact]
    public void Without_scatter_an_mtu_past_one_buffer_is_refused_naming_the_fix()
    {
        using var link = new VethLink();
        using PacketPool pool = TestPools.Create();
        using AfPacketPort port = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => port.Configure(port.Configuration with { Mtu = JumboMtu }));

        Assert.Contains("enable RxOffloads.Scatter", error.Message);
        Assert.Equal(pool.DataRoom - 14, port.Configuration.Mtu);
    }

    [NetworkNamespaceFact]
    public void Vlan_strip_moves_the_tag_into_the_metadata_and_insert_puts_it_on_the_wire()
    {
        using var link = new VethLink();
        using PacketPool pool = TestPools.Create();
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool));
        using AfPacketPort right = link.Right.Run(() => new AfPacketPort(VethLink.RightInterface, pool));
        link.Right.Run(() => right.Configure(right.Configuration with { RxOffloads = RxOffloads.VlanStrip }));
        left.Start();
        right.Start();
        byte[] frame = TestFrames.Udp(1, flow: 1, length: 300);

        // Insert: the packet asks for tag 0x202A (priority 1, id 42); the wire (and so the receiver) has it.
        Packet packet = TestPools.AllocChain(pool, frame, 2048);
        packet.Metadata.VlanTci = 0x202A;
        packet.Flags |= PacketFlags.TxVlan;
        SendAll(left, [packet]);
        Packet stripped = ReceiveOne(right);

        Assert.True((stripped.Flags & PacketFlags.Vlan) != 0);
        Assert.Equal(0x202A, stripped.Metadata.VlanTci);
        Assert.Equal(frame, stripped.Data.ToArray());
        pool.Free(stripped);
        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void Without_vlan_strip_an_inserted_tag_arrives_in_the_frame()
    {
        using var link = new VethLink();
        using PacketPool pool = TestPools.Create();
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool));
        using AfPacketPort right = link.Right.Run(() => new AfPacketPort(VethLink.RightInterface, pool));
        left.Start();
        right.Start();
        byte[] frame = TestFrames.Udp(1, flow: 1, length: 300);
        Packet packet = TestPools.AllocChain(pool, frame, 100);
        packet.Metadata.VlanTci = 0x0007;
        packet.Flags |= PacketFlags.TxVlan;

        SendAll(left, [packet]);
        Packet tagged = ReceiveOne(right);

        Assert.Equal((PacketFlags)0, tagged.Flags & PacketFlags.Vlan);
        Assert.Equal([.. frame[..12], 0x81, 0x00, 0x00, 0x07, .. frame[12..]], tagged.Data.ToArray());
        Assert.Equal(304UL, left.GetStatistics().TxBytes);
        pool.Free(tagged);
        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void The_vlan_filter_passes_every_tag_until_an_id_is_accepted_then_only_accepted_ids_and_untagged_frames()
    {
        using var link = new VethLink();
        using PacketPool pool = TestPools.Create();
        using AfPacketPort left = link.Left.Run(() => new AfPacketPort(VethLink.LeftInterface, pool));
        using AfPacketPort right = link.Right.Run(() => new AfPacketPort(VethLink.RightInterface, pool));
        left.Start();
        right.Start();
        Assert.True(right.Info.Supports(PortCapabilities.VlanFilter));

        SendTagged(left, pool, sequence: 1, vlanId: 43);
        Assert.Equal(1, Sequence(ReceiveOne(right), pool));

        right.SetVlanFilter(42, true);
        SendTagged(left, pool, sequence: 2, vlanId: 43);
        SendTagged(left, pool, sequence: 3, vlanId: 42);
        SendTagged(left, pool, sequence: 4, vlanId: null);
        Assert.Equal(3, Sequence(ReceiveOne(right), pool));
        Assert.Equal(4, Sequence(ReceiveOne(right), pool));

        right.SetVlanFilter(42, false);
        SendTagged(left, pool, sequence: 5, vlanId: 43);
        Assert.Equal(5, Sequence(ReceiveOne(right), pool));
        Assert.Throws<ArgumentOutOfRangeException>(() => right.SetVlanFilter(4096, true));
        Assert.Equal(0, pool.InUse);
    }

    private static VethLink JumboLink()
    {
        var link = new VethLink();
        link.Left.IpInside($"link set {VethLink.LeftInterface} mtu {JumboMtu}");
        link.Right.IpInside($"link set {VethLink.RightInterface} mtu {JumboMtu}");
        return link;
    }

    private static void SendTagged(AfPacketPort port, PacketPool pool, int sequence, int? vlanId)
    {
        Packet packet = TestPools.AllocChain(pool, TestFrames.Udp(sequence, flow: 1, length: 100), 2048);
        if (vlanId is { } id)
        {
            packet.Metadata.VlanTci = (ushort)id;
            packet.Flags |= PacketFlags.TxVlan;
        }

        SendAll(port, [packet]);
    }

    private static int Sequence(Packet packet, PacketPool pool)
    {
        byte[] bytes = packet.Data.ToArray();
        pool.Free(packet);
        bool tagged = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(12)) == 0x8100;
        return TestFrames.Sequence(tagged ? [.. bytes[..12], .. bytes[16..]] : bytes);
    }

    private static void SendAll(AfPacketPort port, Packet[] packets)
    {
        ITxQueue tx = port.GetTxQueue(0);
        int sent = 0;
        var deadline = Stopwatch.StartNew();
        while (sent < packets.Length)
        {
            sent += tx.TxBurst(packets.AsSpan(sent));
            Assert.True(deadline.Elapsed < s_timeout, "The transmit ring stayed full.");
        }
    }

    /// <summary>The next test frame (tagged or not) the port receives; other frames are freed.</summary>
    private static Packet ReceiveOne(AfPacketPort port)
    {
        var burst = new Packet[1];
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < s_timeout)
        {
            port.WaitForReceive(0, TimeSpan.FromMilliseconds(10));
            if (port.GetRxQueue(0).RxBurst(burst) == 0)
            {
                continue;
            }

            Span<byte> data = burst[0].Data;
            if (TestFrames.IsTestFrame(data) || (data.Length > 58 && TestFrames.IsTestFrame(data[4..])))
            {
                return burst[0];
            }

            burst[0].Free();
        }

        throw new TimeoutException($"No test frame arrived on {port.Name} within {s_timeout}.");
    }

    private static List<(byte[] Bytes, int Segments)> Receive(AfPacketPort port, PacketPool pool, int expected)
    {
        var frames = new List<(byte[], int)>();
        var burst = new Packet[32];
        var deadline = Stopwatch.StartNew();
        while (frames.Count < expected && deadline.Elapsed < s_timeout)
        {
            port.WaitForReceive(0, TimeSpan.FromMilliseconds(10));
            int n = port.GetRxQueue(0).RxBurst(burst);
            foreach (Packet packet in burst.AsSpan(0, n))
            {
                byte[] bytes = new byte[packet.Length];
                packet.CopyTo(bytes);
                if (TestFrames.IsTestFrame(bytes))
                {
                    frames.Add((bytes, packet.SegmentCount));
                }
            }

            pool.Free(burst.AsSpan(0, n));
        }

        return frames;
    }
}
