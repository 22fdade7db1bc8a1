using System.Runtime.InteropServices;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Rx;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Intel.Tests;

public unsafe class RxDescriptorDecoderTests
{
    public static TheoryData<RxDecodePath> VectorPaths => [RxDecodePath.Vector128, RxDecodePath.Vector256];

    /// <summary>Property: for random write-back descriptors, a vector path writes exactly the scalar path's metadata and stops at the same place.</summary>
    [Theory]
    [MemberData(nameof(VectorPaths))]
    public void VectorPathMatchesScalarOnRandomDescriptors(RxDecodePath path)
    {
        if (!RxDescriptorDecoder.IsSupported(path))
        {
            return;
        }

        const int count = 64;
        using PacketPool pool = PacketPool.Create("decode", 2 * count + 64, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 0 });
        var template = new RxMetadataTemplate((ushort)pool.Headroom, (ushort)(pool.Headroom + pool.DataRoom), pool.Id, 7, 3);
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
                        status = (status | AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket) & ~AdvancedRxStatus.FrameError;
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
                    scalar = RxDescriptorDecoder.DecodeScalar(descriptors, sb, so, take, template, ref scalarBytes);
                    vector = RxDescriptorDecoder.Decode(path, descriptors, vb, vo, take, template, ref vectorBytes);
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
        var template = new RxMetadataTemplate((ushort)pool.Headroom, 0, pool.Id, 1, 2);
        Assert.True(pool.TryAlloc(out Packet packet));
        AdvancedRxDescriptor descriptor = default;
        descriptor.PacketInfo = AdvancedRxStatus.RssTypeIPv4Tcp | (0x11u << 4);
        descriptor.RssHash = 0xdeadbeef;
        descriptor.StatusError = AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket | AdvancedRxStatus.IpChecksumChecked | AdvancedRxStatus.L4ChecksumChecked | AdvancedRxStatus.L4ChecksumError;
        descriptor.Length = 1234;
        Packet output = default;
        ulong bytes = 0;
        Assert.Equal(1, RxDescriptorDecoder.DecodeScalar(&descriptor, &packet, &output, 1, template, ref bytes));
        Assert.Equal(PacketFlags.RssHash | PacketFlags.IpChecksumGood | PacketFlags.L4ChecksumBad, packet.Flags);
        Assert.Equal(0xdeadbeefu, packet.Metadata.RssHash);
        Assert.Equal(1234, packet.Length);
        Assert.Equal(2, packet.Metadata.Queue);
        Assert.Equal(0x11u, packet.Metadata.PacketType);
        pool.Free(packet);
    }
}
