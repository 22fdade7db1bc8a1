using System.Buffers.Binary;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Ports.Virtual.Ring;
using FastPath.Traffic.Flows;
using FastPath.Traffic.Frames;
using FastPath.Traffic.Generator;
using FastPath.Traffic.Receiver;

namespace FastPath.Traffic.Tests.Generator;

/// <summary>The generator's 802.1Q tags, byte by byte, and tagged and jumbo frames through a ring pair to a receiver.</summary>
public sealed class TaggedFrameTests
{
    [Fact]
    public void A_tagged_frame_is_the_untagged_frame_with_the_tag_between_the_source_mac_and_the_ethertype()
    {
        using var pool = TestPools.Create();
        var flows = new FlowSet { SourceMac = FieldRange.Single(0x02_00_00_00_00_42) }; // not each ring pair's own MAC
        byte[] untagged = Capture(pool, new GeneratorSettings { Count = 1, Sizes = FrameSizes.Fixed(128), Flows = flows })[0];
        byte[] tagged = Capture(pool, new GeneratorSettings { Count = 1, Sizes = FrameSizes.Fixed(128), Flows = flows, Vlan = VlanTags.Parse("291", priority: 6) })[0];

        Assert.Equal(124, untagged.Length);
        Assert.Equal(128, tagged.Length);
        Assert.Equal(untagged[..12], tagged[..12]);
        Assert.Equal(new byte[] { 0x81, 0x00, 0xC1, 0x23 }, tagged[12..16]); // TPID 0x8100; PCP 6, DEI 0, id 0x123
        // EtherType, IPv4 (lengths, checksum) and UDP are the untagged frame's; the probes differ only in their timestamp.
        Assert.Equal(untagged[12..FrameOffsets.Payload], tagged[16..(FrameOffsets.Payload + 4)]);
        Assert.True(ProbeHeaderOf(tagged.AsSpan(FrameOffsets.Payload + 4), out ulong sequence));
        Assert.Equal(0UL, sequence);
        Assert.Equal(0x0800, BinaryPrimitives.ReadUInt16BigEndian(tagged.AsSpan(16)));
        Assert.Equal(110, BinaryPrimitives.ReadUInt16BigEndian(tagged.AsSpan(18 + 2))); // IPv4 total length: 128 − 18
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void The_ids_of_a_range_rotate_one_per_frame()
    {
        using var pool = TestPools.Create();
        List<byte[]> frames = Capture(pool, new GeneratorSettings { Count = 10, Vlan = VlanTags.Parse("10-13") });

        Assert.Equal([10, 11, 12, 13, 10, 11, 12, 13, 10, 11], frames.Select(f => BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(14)) & 0xFFF));
        Assert.All(frames, f => Assert.Equal(64, f.Length)); // 64 on the wire plus the tag, without the FCS
    }

    [Fact]
    public void Tagged_frames_cross_a_ring_to_the_receiver_with_their_tags_and_none_lost()
    {
        using var pool = TestPools.Create();
        ReceiverSummary summary = SendThroughRing(pool, new GeneratorSettings { Count = 20_000, Sizes = FrameSizes.Parse("64-1518"), Vlan = VlanTags.Parse("100-163", priority: 3) });

        Assert.Equal(20_000UL, summary.Probes);
        Assert.Equal(20_000UL, summary.Tagged);
        Assert.Equal((64, 100, 163), (summary.VlanIds, summary.LowestVlan, summary.HighestVlan));
        Assert.Equal((0UL, 0UL, 0UL), (summary.Lost, summary.Reordered, summary.Duplicates));
        Assert.Equal(0UL, summary.Foreign);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void Jumbo_frames_fill_jumbo_buffers_and_cross_a_ring_whole()
    {
        using PacketPool pool = PacketPool.Create("jumbo", 1024, IdentityDmaMapper.Instance,
            new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 64, DataRoom = PacketLayout.JumboDataRoom });
        ReceiverSummary summary = SendThroughRing(pool, new GeneratorSettings { Count = 2_000, Sizes = FrameSizes.Fixed(9018), Vlan = VlanTags.Parse("7") });

        Assert.Equal(2_000UL, summary.Probes);
        Assert.Equal(2_000UL * 9018, summary.Bytes); // 9014 + the 4-byte tag, each
        Assert.Equal(0UL, summary.Lost);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void Jumbo_frames_over_standard_buffers_are_chains_that_cross_a_ring_whole_with_their_tags()
    {
        using var pool = TestPools.Create(); // 2048-byte data room
        ReceiverSummary summary = SendThroughRing(pool, new GeneratorSettings { Count = 2_000, Sizes = FrameSizes.Parse("64-9018"), Vlan = VlanTags.Parse("100-163") });

        Assert.Equal(2_000UL, summary.Probes);
        Assert.Equal(2_000UL, summary.Tagged);
        Assert.Equal((0UL, 0UL, 0UL), (summary.Lost, summary.Reordered, summary.Duplicates));
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public unsafe void A_chained_frame_holds_its_headers_in_the_first_segment_and_its_whole_length_in_the_chain()
    {
        using var pool = TestPools.Create();
        (RingPort tx, RingPort rx) = RingPort.CreatePair();
        using (tx)
        using (rx)
        {
            tx.Start();
            rx.Start();
            var generator = new TrafficGenerator(pool, tx.GetTxQueue(0), tx.MacAddress, new GeneratorSettings { Count = 1, Sizes = FrameSizes.Fixed(9018), Vlan = VlanTags.Parse("5") });
            var burst = new Packet[4];
            int n = 0;
            while (n == 0)
            {
                generator.Poll();
                n = rx.GetRxQueue(0).RxBurst(burst);
            }

            Packet chain = burst[0];
            Assert.Equal(9018, chain.Length); // 9014 + tag, FCS excluded
            Assert.Equal(5, chain.SegmentCount);
            Assert.Equal(pool.DataRoom, chain.SegmentLength);
            Assert.Equal(9018 - 18, BinaryPrimitives.ReadUInt16BigEndian(chain.Data[(18 + 2)..])); // IPv4 total length
            Assert.True(ProbeHeaderOf(chain.Data[(FrameOffsets.Payload + 4)..], out ulong sequence));
            Assert.Equal(0UL, sequence);
            int sum = 0;
            foreach (Span<byte> part in chain.Segments)
            {
                sum += part.Length;
            }

            Assert.Equal(9018, sum);
            pool.Free(burst.AsSpan(0, n));
            Assert.Equal(0, pool.InUse);
        }
    }

    [Fact]
    public void When_the_pool_runs_out_of_segments_a_chain_is_not_sent_half_built_and_nothing_leaks()
    {
        using var pool = TestPools.Create(1024); // about 200 chains of 5 buffers
        (RingPort tx, RingPort rx) = RingPort.CreatePair(new RingPortOptions { RingSize = 1024 });
        using (tx)
        using (rx)
        {
            tx.Start();
            rx.Start();
            var generator = new TrafficGenerator(pool, tx.GetTxQueue(0), tx.MacAddress, new GeneratorSettings { Count = 1000, Sizes = FrameSizes.Fixed(9018) });
            for (int i = 0; i < 200; i++)
            {
                generator.Poll();
            }

            Assert.True(generator.Counters.AllocFailures > 0, "the pool never ran short");
            var burst = new Packet[32];
            int n;
            int frames = 0;
            while ((n = rx.GetRxQueue(0).RxBurst(burst)) != 0)
            {
                foreach (Packet packet in burst.AsSpan(0, n))
                {
                    Assert.Equal(9014, packet.Length);
                    Assert.Equal(5, packet.SegmentCount);
                }

                frames += n;
                pool.Free(burst.AsSpan(0, n));
            }

            generator.Finish();
            Assert.Equal((ulong)frames, generator.Built);
            Assert.Equal(0, pool.InUse);
        }
    }

    private static unsafe bool ProbeHeaderOf(ReadOnlySpan<byte> probe, out ulong sequence)
    {
        fixed (byte* at = probe)
        {
            return ProbeHeader.TryRead(at, out _, out sequence, out _);
        }
    }

    private static unsafe List<byte[]> Capture(PacketPool pool, GeneratorSettings settings)
    {
        var frames = new List<byte[]>();
        (RingPort tx, RingPort rx) = RingPort.CreatePair();
        using (tx)
        using (rx)
        {
            tx.Start();
            rx.Start();
            var generator = new TrafficGenerator(pool, tx.GetTxQueue(0), tx.MacAddress, settings);
            var burst = new Packet[32];
            while (frames.Count < (int)settings.Count)
            {
                generator.Poll();
                int n = rx.GetRxQueue(0).RxBurst(burst);
                for (int i = 0; i < n; i++)
                {
                    frames.Add(burst[i].Data.ToArray());
                }

                pool.Free(burst.AsSpan(0, n));
            }
        }

        return frames;
    }

    private static ReceiverSummary SendThroughRing(PacketPool pool, GeneratorSettings settings)
    {
        (RingPort tx, RingPort rx) = RingPort.CreatePair();
        using (tx)
        using (rx)
        {
            tx.Start();
            rx.Start();
            var generator = new TrafficGenerator(pool, tx.GetTxQueue(0), tx.MacAddress, settings);
            var receiver = new TrafficReceiver(rx.GetRxQueue(0));
            while (receiver.Packets < settings.Count)
            {
                generator.Poll();
                receiver.Poll();
            }

            Assert.True(generator.IsFinished || generator.Poll() == 0);
            return ReceiverSummary.Combine([receiver]);
        }
    }
}
