using System.Runtime.InteropServices;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Rx;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Intel.Tests.Rx;

public unsafe class RxDescriptorDecoderTests
{
    private const uint Good = AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket;
    private const uint Checked = AdvancedRxStatus.IpChecksumChecked | AdvancedRxStatus.L4ChecksumChecked;

    public static TheoryData<RxDecodePath, string> VectorPathsAndDevices => new()
    {
        { RxDecodePath.Vector128, "82599" }, { RxDecodePath.Vector256, "82599" },
        { RxDecodePath.Vector128, "82576" }, { RxDecodePath.Vector256, "82576" },
    };

    public static TheoryData<RxDecodePath> AllPaths => [RxDecodePath.Scalar, RxDecodePath.Vector128, RxDecodePath.Vector256];

    private static RxErrorLayout Layout(string device) => device == "82576" ? RxErrorLayout.Igb82576 : RxErrorLayout.Ixgbe82599;

    /// <summary>Property: for random write-back descriptors, a vector path writes exactly the scalar path's metadata and stops at the same place.</summary>
    [SkippableTheory]
    [MemberData(nameof(VectorPathsAndDevices))]
    public void VectorPathMatchesScalarOnRandomDescriptors(RxDecodePath path, string device)
    {
        Skip.IfNot(RxDescriptorDecoder.IsSupported(path), $"This CPU does not accelerate the {path} receive path (needs {(path == RxDecodePath.Vector256 ? "AVX2" : "SSSE3")}).");
        var flags = new RxFlagTable(Layout(device), vlanStripped: true);
        const int count = 64;
        using PacketPool pool = PacketPool.Create("decode", 2 * count + 64, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 0 });
        var template = new RxMetadataTemplate((ushort)pool.Headroom, 7, 3);
        var random = new Random(1234);
        var descriptors = (AdvancedRxDescriptor*)NativeMemory.AlignedAlloc(count * 16, 64);
        var scalarBuffers = new Packet[count];
        var vectorBuffers = new Packet[count];
        Assert.Equal(count, pool.Alloc(scalarBuffers));
        Assert.Equal(count, pool.Alloc(vectorBuffers));
        try
        {
            for (int iteration = 0; iteration < 2000; iteration++)
            {
                random.NextBytes(new Span<byte>(descriptors, count * 16));
                int goodPrefix = random.Next(count + 1);
                for (int i = 0; i < count; i++)
                {
                    uint status = descriptors[i].StatusError;
                    if (i < goodPrefix || random.Next(4) != 0)
                    {
                        status = (status | Good) & ~flags.Layout.FrameError;
                    }

                    descriptors[i].StatusError = status;
                }

                int take = random.Next(count + 1);
                var scalarOut = new Packet[count];
                var vectorOut = new Packet[count];
                ulong scalarBytes = 0, vectorBytes = 0;
                int scalar, vector;
                fixed (Packet* sb = scalarBuffers, vb = vectorBuffers, so = scalarOut, vo = vectorOut)
                {
                    scalar = RxDescriptorDecoder.DecodeScalar(descriptors, sb, so, take, template, flags, ref scalarBytes);
                    vector = RxDescriptorDecoder.Decode(path, descriptors, vb, vo, take, template, flags, ref vectorBytes);
                }

                Assert.Equal(scalar, vector);
                Assert.Equal(scalarBytes, vectorBytes);
                for (int i = 0; i < scalar; i++)
                {
                    Assert.Equal(scalarBuffers[i], scalarOut[i]);
                    Assert.Equal(vectorBuffers[i], vectorOut[i]);
                    PacketBuffer s = scalarBuffers[i].Metadata, v = vectorBuffers[i].Metadata;
                    s.BufferIova = v.BufferIova = 0;
                    s.PoolIndex = v.PoolIndex = 0;
                    Assert.Equal(s, v);
                }
            }
        }
        finally
        {
            pool.Free(scalarBuffers);
            pool.Free(vectorBuffers);
            NativeMemory.AlignedFree(descriptors);
        }
    }

    [Fact]
    public void ScalarDecodeMapsStatusToFlags()
    {
        using PacketPool pool = PacketPool.Create("flags", 64, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 0 });
        var template = new RxMetadataTemplate((ushort)pool.Headroom, 1, 2);
        Assert.True(pool.TryAlloc(out Packet packet));
        AdvancedRxDescriptor descriptor = default;
        descriptor.PacketInfo = AdvancedRxStatus.RssTypeIPv4Tcp | (0x11u << 4);
        descriptor.RssHash = 0xdeadbeef;
        descriptor.StatusError = Good | Checked | AdvancedRxStatus.L4ChecksumError | AdvancedRxStatus.VlanPacket;
        descriptor.VlanTag = 0x0123;
        descriptor.Length = 1234;
        Packet output = default;
        ulong bytes = 0;
        Assert.Equal(1, RxDescriptorDecoder.DecodeScalar(&descriptor, &packet, &output, 1, template, new RxFlagTable(RxErrorLayout.Ixgbe82599, vlanStripped: true), ref bytes));
        Assert.Equal(PacketFlags.RssHash | PacketFlags.IpChecksumGood | PacketFlags.L4ChecksumBad | PacketFlags.Vlan, packet.Flags);
        Assert.Equal(0xdeadbeefu, packet.Metadata.RssHash);
        Assert.Equal(1234, packet.Length);
        Assert.Equal(1234UL, bytes);
        Assert.Equal(2, packet.Metadata.Queue);
        Assert.Equal(0x0123, packet.Metadata.VlanTci);
        Assert.Equal(0x11u, packet.Metadata.PacketType);
        pool.Free(packet);
    }

    /// <summary>
    /// Each device's three error bits, one at a time, through every path: the checksum errors become the right bad flag
    /// and the frame error stops the decoder (the queue drops that frame). With the 82599's table on an 82576
    /// write-back, a bad L4 checksum (82576 bit 29) would stop decoding as a frame error, and a frame error (bit 31)
    /// would pass as a bad IP checksum: the rows below fail for the wrong table.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(AllPaths))]
    public void EachDeviceReadsItsOwnErrorBits(RxDecodePath path)
    {
        Skip.IfNot(RxDescriptorDecoder.IsSupported(path), $"This CPU does not accelerate the {path} receive path.");
        (RxErrorLayout Layout, uint Bit, PacketFlags? Expected)[] rows =
        [
            (RxErrorLayout.Ixgbe82599, 0, PacketFlags.IpChecksumGood | PacketFlags.L4ChecksumGood),
            (RxErrorLayout.Ixgbe82599, 1u << 31, PacketFlags.IpChecksumBad | PacketFlags.L4ChecksumGood),
            (RxErrorLayout.Ixgbe82599, 1u << 30, PacketFlags.IpChecksumGood | PacketFlags.L4ChecksumBad),
            (RxErrorLayout.Ixgbe82599, 1u << 29, null),
            (RxErrorLayout.Igb82576, 0, PacketFlags.IpChecksumGood | PacketFlags.L4ChecksumGood),
            (RxErrorLayout.Igb82576, 1u << 30, PacketFlags.IpChecksumBad | PacketFlags.L4ChecksumGood),
            (RxErrorLayout.Igb82576, 1u << 29, PacketFlags.IpChecksumGood | PacketFlags.L4ChecksumBad),
            (RxErrorLayout.Igb82576, 1u << 31, null),
        ];

        const int count = 8;
        using PacketPool pool = PacketPool.Create("errors", 64, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 0 });
        var template = new RxMetadataTemplate((ushort)pool.Headroom, 0, 0);
        var buffers = new Packet[count];
        var output = new Packet[count];
        Assert.Equal(count, pool.Alloc(buffers));
        var descriptors = (AdvancedRxDescriptor*)NativeMemory.AlignedAlloc(count * 16, 64);
        try
        {
            foreach ((RxErrorLayout layout, uint bit, PacketFlags? expected) in rows)
            {
                // Eight descriptors so that the vector paths decode the row in their 4-wide steps; the row's is the last.
                new Span<byte>(descriptors, count * 16).Clear();
                for (int i = 0; i < count; i++)
                {
                    descriptors[i].StatusError = Good | Checked;
                    descriptors[i].Length = 60;
                }

                descriptors[count - 1].StatusError |= bit;
                ulong bytes = 0;
                int decoded;
                fixed (Packet* b = buffers, o = output)
                {
                    decoded = RxDescriptorDecoder.Decode(path, descriptors, b, o, count, template, new RxFlagTable(layout, vlanStripped: true), ref bytes);
                }

                string row = $"{(layout == RxErrorLayout.Igb82576 ? "82576" : "82599")} bit 0x{bit:x8}";
                if (expected is null)
                {
                    Assert.True(decoded == count - 1, $"{row}: a frame error must stop the decoder before the frame; {decoded} decoded.");
                }
                else
                {
                    Assert.True(decoded == count, $"{row}: {decoded} of {count} decoded.");
                    Assert.True(expected == buffers[count - 1].Flags, $"{row}: flags {buffers[count - 1].Flags}, expected {expected}.");
                }
            }
        }
        finally
        {
            pool.Free(buffers);
            NativeMemory.AlignedFree(descriptors);
        }
    }

    [Fact]
    public void AnErrorLayoutNeedsOneDistinctBitEachAmongBits29To31()
    {
        Assert.Contains("bits 29, 30 and 31", Assert.Throws<ArgumentException>(() => new RxErrorLayout(1u << 29, 1u << 29, 1u << 31)).Message, StringComparison.Ordinal);
        Assert.Contains("bits 29, 30 and 31", Assert.Throws<ArgumentException>(() => new RxErrorLayout(1u << 28, 1u << 30, 1u << 31)).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new RxFlagTable(default)).Message, StringComparison.Ordinal);
    }
}
