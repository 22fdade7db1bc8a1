using System.Buffers.Binary;

namespace L3Router.Tests;

public sealed class Ipv4ForwarderTests
{
    private const ulong HopMac1 = 0x0200_0000_0001;
    private const ulong HopMac2 = 0x0200_0000_0002;
    private static readonly ulong[] PortMacs = [0x0200_00AA_0000, 0x0200_00AA_0001, 0x0200_00AA_0002];

    private static Ipv4Forwarder Forwarder() => new(
        RouteTable.Build(
        [
            new Route(Ipv4Prefix.Parse("10.1.0.0/16"), new NextHop(HopMac1, 1)),
            new Route(Ipv4Prefix.Parse("10.1.2.0/24"), new NextHop(HopMac2, 2)),
        ]),
        PortMacs);

    [Fact]
    public void Forwards_rewriting_ttl_checksum_and_macs()
    {
        byte[] frame = TestFrames.Ipv4(0x0A01_0505, ttl: 64);
        byte[] before = (byte[])frame.Clone();

        ForwardResult result = Forwarder().Process(frame);

        Assert.Equal(ForwardResult.ForwardTo(1), result);
        Assert.True(result.IsForward);
        Assert.Equal(HopMac1, TestFrames.ReadMac(frame));
        Assert.Equal(PortMacs[1], TestFrames.ReadMac(frame.AsSpan(6)));
        Assert.Equal(63, frame[14 + 8]);
        Assert.Equal(TestFrames.ReferenceChecksum(frame.AsSpan(14, 20)), BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(14 + 10)));
        // Nothing else changes: the EtherType, the rest of the header and the payload.
        Assert.Equal(before.AsSpan(12, 10).ToArray(), frame.AsSpan(12, 10).ToArray());
        Assert.Equal(before.AsSpan(14 + 9, 1).ToArray(), frame.AsSpan(14 + 9, 1).ToArray());
        Assert.Equal(before.AsSpan(14 + 12).ToArray(), frame.AsSpan(14 + 12).ToArray());
    }

    [Fact]
    public void The_longer_prefix_chooses_the_port()
    {
        byte[] frame = TestFrames.Ipv4(0x0A01_0203);
        Assert.Equal(ForwardResult.ForwardTo(2), Forwarder().Process(frame));
        Assert.Equal(HopMac2, TestFrames.ReadMac(frame));
        Assert.Equal(PortMacs[2], TestFrames.ReadMac(frame.AsSpan(6)));
    }

    [Fact]
    public void Forwards_behind_one_vlan_tag_and_with_options_and_padding()
    {
        byte[] frame = TestFrames.Ipv4(0x0A01_0505, ttl: 2, headerWords: 15, payload: 0, vlan: true);
        Array.Resize(ref frame, frame.Length + 8); // Ethernet padding beyond the IPv4 total length.
        Assert.Equal(ForwardResult.ForwardTo(1), Forwarder().Process(frame));
        Assert.Equal(1, frame[18 + 8]);
        Assert.Equal(TestFrames.ReferenceChecksum(frame.AsSpan(18, 60)), BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(18 + 10)));
        Assert.Equal(0x8100, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void Ttl_of_one_or_zero_is_dropped_unchanged(byte ttl)
    {
        byte[] frame = TestFrames.Ipv4(0x0A01_0505, ttl: ttl);
        byte[] before = (byte[])frame.Clone();
        Assert.Equal(ForwardResult.Drop(ForwardAction.TtlExpired), Forwarder().Process(frame));
        Assert.Equal(before, frame);
    }

    [Fact]
    public void No_route_is_unroutable()
    {
        byte[] frame = TestFrames.Ipv4(0x0B00_0001);
        byte[] before = (byte[])frame.Clone();
        ForwardResult result = Forwarder().Process(frame);
        Assert.Equal(ForwardAction.Unroutable, result.Action);
        Assert.False(result.IsForward);
        Assert.Equal(before, frame);
    }

    [Theory]
    [InlineData(0x86DD)] // IPv6
    [InlineData(0x0806)] // ARP
    [InlineData(0x88CC)] // LLDP
    public void Other_ethertypes_are_not_ipv4(int etherType)
    {
        byte[] frame = TestFrames.Ipv4(0x0A01_0505);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), (ushort)etherType);
        Assert.Equal(ForwardAction.NotIpv4, Forwarder().Process(frame).Action);

        byte[] tagged = TestFrames.Ipv4(0x0A01_0505, vlan: true);
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(16), (ushort)etherType);
        Assert.Equal(ForwardAction.NotIpv4, Forwarder().Process(tagged).Action);
    }

    public static TheoryData<string> MalformedCases => new()
    {
        "runt", "truncated vlan tag", "truncated ip header", "version 6", "ihl 4", "ihl 0",
        "header longer than frame", "total length below header", "total length beyond frame", "bad checksum",
    };

    [Theory]
    [MemberData(nameof(MalformedCases))]
    public void Malformed_frames_are_dropped_unchanged(string @case)
    {
        byte[] frame = TestFrames.Ipv4(0x0A01_0505, payload: 26);
        switch (@case)
        {
            case "runt": frame = frame[..13]; break;
            case "truncated vlan tag":
                frame = frame[..16];
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x8100);
                break;
            case "truncated ip header": frame = frame[..(14 + 19)]; break;
            case "version 6": frame[14] = 0x65; TestFrames.SetChecksum(frame); break;
            case "ihl 4": frame[14] = 0x44; break;
            case "ihl 0": frame[14] = 0x40; break;
            case "header longer than frame":
                frame[14] = 0x4F; // 60-byte header in a 46-byte IPv4 part
                break;
            case "total length below header":
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14 + 2), 19);
                TestFrames.SetChecksum(frame);
                break;
            case "total length beyond frame":
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14 + 2), 47);
                TestFrames.SetChecksum(frame);
                break;
            case "bad checksum": frame[14 + 10] ^= 0x01; break;
            default: throw new ArgumentException(@case);
        }
        byte[] before = (byte[])frame.Clone();
        Assert.Equal(ForwardResult.Drop(ForwardAction.Malformed), Forwarder().Process(frame));
        Assert.Equal(before, frame);
    }

    [Fact]
    public void Incremental_checksum_equals_full_recomputation_on_random_headers()
    {
        var random = new Random(1624);
        Ipv4Forwarder forwarder = new(
            RouteTable.Build([new Route(default, new NextHop(HopMac1, 0))]), [PortMacs[0]]);
        int zeroBefore = 0, zeroAfter = 0;
        for (int i = 0; i < 20000; i++)
        {
            int words = random.Next(5, 16);
            byte[] frame = TestFrames.Ipv4((uint)random.NextInt64(0, 1L << 32), ttl: (byte)random.Next(2, 256),
                headerWords: words, payload: random.Next(0, 40), source: (uint)random.NextInt64(0, 1L << 32),
                identification: (ushort)random.Next(65536), protocol: (byte)random.Next(256));
            Span<byte> header = frame.AsSpan(14, words * 4);
            random.NextBytes(header[20..]); // random options
            byte ttl = header[8];
            switch (i % 4)
            {
                case 0:
                    // RFC 1624's corner case: the checksum after the decrement is 0x0000 (it is 0xFEFF before),
                    // where eqn. 2 would give 0xFFFF.
                    header[8] = (byte)(ttl - 1);
                    ForceChecksumZero(header);
                    header[8] = ttl;
                    break;
                case 1:
                    ForceChecksumZero(header); // 0x0000 before the decrement
                    break;
            }
            TestFrames.SetChecksum(frame);
            if (BinaryPrimitives.ReadUInt16BigEndian(header[10..]) == 0)
                zeroBefore++;

            Assert.Equal(ForwardAction.Forward, forwarder.Process(frame).Action);

            Assert.Equal(ttl - 1, header[8]);
            ushort checksum = BinaryPrimitives.ReadUInt16BigEndian(header[10..]);
            Assert.Equal(TestFrames.ReferenceChecksum(header), checksum);
            if (checksum == 0)
                zeroAfter++;
        }
        Assert.True(zeroBefore >= 5000, $"only {zeroBefore} headers had checksum 0x0000 before forwarding");
        Assert.True(zeroAfter >= 5000, $"only {zeroAfter} headers had checksum 0x0000 after forwarding");
    }

    [Fact]
    public void Checksum_field_of_ffff_for_a_zero_sum_is_accepted_and_updated_to_the_recomputed_value()
    {
        // A header whose words sum to 0xFFFF has checksum 0x0000; 0xFFFF is the other ones'-complement zero and
        // verifies as well. RFC 1624 eqn. 3 turns either into what a full recomputation gives.
        var random = new Random(3);
        Ipv4Forwarder forwarder = new(
            RouteTable.Build([new Route(default, new NextHop(HopMac1, 0))]), [PortMacs[0]]);
        for (int i = 0; i < 2000; i++)
        {
            byte[] frame = TestFrames.Ipv4((uint)random.NextInt64(0, 1L << 32), ttl: (byte)random.Next(2, 256),
                identification: (ushort)random.Next(65536), source: (uint)random.NextInt64(0, 1L << 32));
            Span<byte> header = frame.AsSpan(14, 20);
            ForceChecksumZero(header);
            BinaryPrimitives.WriteUInt16BigEndian(header[10..], 0xFFFF);

            Assert.Equal(ForwardAction.Forward, forwarder.Process(frame).Action);
            Assert.Equal(TestFrames.ReferenceChecksum(header), BinaryPrimitives.ReadUInt16BigEndian(header[10..]));
        }
    }

    [Fact]
    public void Processing_and_lookups_allocate_nothing()
    {
        Ipv4Forwarder forwarder = Forwarder();
        RouteTable table = RouteTable.Build([new Route(Ipv4Prefix.Parse("10.1.2.128/25"), new NextHop(HopMac1, 1))]);
        byte[][] frames =
        [
            TestFrames.Ipv4(0x0A01_0505, ttl: 255), TestFrames.Ipv4(0x0A01_0203, ttl: 255, vlan: true),
            TestFrames.Ipv4(0x0B00_0001), TestFrames.Ipv4(0x0A01_0505, ttl: 1), new byte[20],
        ];
        uint[] destinations = [0x0A01_0280, 0x0A01_0201, 0];
        int[] hopIndexes = new int[3];
        var counters = new RouterCounters(forwarder.PortCount);

        void Run()
        {
            for (int round = 0; round < 200; round++)
            {
                foreach (byte[] frame in frames)
                    counters.Record(forwarder.Process(frame));
                table.TryLookup(destinations[round % 3], out _);
                table.LookupBulk(destinations, hopIndexes);
            }
        }

        Run(); // JIT warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal([0, -1, -1], hopIndexes);
    }

    [Fact]
    public void Every_next_hop_port_needs_a_mac()
    {
        RouteTable table = RouteTable.Build([new Route(default, new NextHop(HopMac1, 3))]);
        var e = Assert.Throws<ArgumentException>(() => new Ipv4Forwarder(table, PortMacs));
        Assert.Contains("give port 3 a MAC", e.Message);
        Assert.Throws<ArgumentException>(() => new Ipv4Forwarder(table, [0, 0, 0, 1UL << 48]));
        Assert.Equal(4, new Ipv4Forwarder(table, [0, 0, 0, 1]).PortCount);
    }

    [Fact]
    public void Drop_needs_a_drop_cause()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ForwardResult.Drop(ForwardAction.Forward));
        Assert.Equal("Forward port 5", ForwardResult.ForwardTo(5).ToString());
        Assert.Equal("Unroutable", ForwardResult.Drop(ForwardAction.Unroutable).ToString());
    }

    /// <summary>Sets the identification field so that the header's words other than the checksum sum to 0xFFFF, making its checksum 0x0000.</summary>
    private static void ForceChecksumZero(Span<byte> header)
    {
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], 0);
        ushort rest = (ushort)~TestFrames.ReferenceChecksum(header); // sum of the other words
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], (ushort)~rest);
    }
}
