using System.Runtime.InteropServices;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Rx;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Intel.Tests.Rx;

/// <summary>
/// RX scatter in the shared receive queue, with write-backs placed by hand: a chain whose last descriptor is not yet
/// written back stays open across bursts, also when it wraps the ring's end; its metadata comes from the EOP
/// descriptor; a chain ending in a MAC error or longer than the maximum frame is dropped whole and counted.
/// </summary>
public sealed unsafe class AdvancedRxQueueScatterTests : IDisposable
{
    private const int RingSize = 32;
    private const ushort Segment = 2048;
    private readonly byte* _bar;
    private readonly PacketPool _pool;

    public AdvancedRxQueueScatterTests()
    {
        _bar = (byte*)NativeMemory.AlignedAlloc(0x1000, 4096);
        new Span<byte>(_bar, 0x1000).Clear();
        _pool = PacketPool.Create("scatter-rx", RingSize + 32, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 0, DebugChecks = true });
    }

    [Theory]
    [InlineData(RxDecodePath.Scalar)]
    [InlineData(RxDecodePath.Vector128)]
    [InlineData(RxDecodePath.Vector256)]
    public void AChainWrappingTheRingEnd_StaysOpenAcrossBursts_AndArrivesWhole(RxDecodePath path)
    {
        if (!RxDescriptorDecoder.IsSupported(path))
        {
            return;
        }

        using AdvancedRxQueue<MmioRegisters> queue = Queue(path, scatter: true, maxFrameLength: 9022);
        AdvancedRxDescriptor* ring = Ring();
        var burst = new Packet[8];
        // 29 one-buffer frames take descriptors 0-28, so the next frame starts at 29 and wraps to 0 and 1.
        for (int i = 0; i < 29; i++)
        {
            WriteBack(ring + i, 60, AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket);
        }

        for (int total = 0; total < 29;)
        {
            int n = queue.RxBurst(burst);
            Assert.True(n > 0);
            total += n;
            _pool.Free(burst.AsSpan(0, n));
        }

        WriteBack(ring + 29, Segment, AdvancedRxStatus.DescriptorDone);
        WriteBack(ring + 30, Segment, AdvancedRxStatus.DescriptorDone);
        WriteBack(ring + 31, Segment, AdvancedRxStatus.DescriptorDone);
        Assert.Equal(0, queue.RxBurst(burst));
        Assert.True(queue.IsFrameOpen);

        WriteBack(ring + 0, Segment, AdvancedRxStatus.DescriptorDone);
        Assert.Equal(0, queue.RxBurst(burst));
        Assert.True(queue.IsFrameOpen);

        // The last descriptor carries the frame's status: IPv4 checksum checked and good, an RSS hash.
        ring[1].PacketInfo = AdvancedRxStatus.RssTypeIPv4;
        ring[1].RssHash = 0x1234_5678;
        WriteBack(ring + 1, 808, AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket | AdvancedRxStatus.IpChecksumChecked);
        Assert.Equal(1, queue.RxBurst(burst));
        Assert.False(queue.IsFrameOpen);
        Packet chain = burst[0];
        Assert.Equal(4 * Segment + 808, chain.Length);
        Assert.Equal(5, chain.SegmentCount);
        Assert.Equal([Segment, Segment, Segment, Segment, 808], Lengths(chain));
        Assert.Equal(0x1234_5678u, chain.Metadata.RssHash);
        Assert.Equal(PacketFlags.IpChecksumGood | PacketFlags.RssHash, chain.Flags);
        Assert.Equal(0UL, queue.Errors);
        _pool.Free(chain);
        Assert.Equal(_pool.Capacity, _pool.Available + queue.BuffersHeld);
    }

    [Fact]
    public void AChainEndingInAMacError_IsDroppedWhole_AndCounted()
    {
        using AdvancedRxQueue<MmioRegisters> queue = Queue(RxDecodePath.Scalar, scatter: true, maxFrameLength: 9022);
        AdvancedRxDescriptor* ring = Ring();
        WriteBack(ring + 0, Segment, AdvancedRxStatus.DescriptorDone);
        WriteBack(ring + 1, Segment, AdvancedRxStatus.DescriptorDone);
        WriteBack(ring + 2, 100, AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket | RxErrorLayout.Ixgbe82599.FrameError);
        WriteBack(ring + 3, 60, AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket);
        var burst = new Packet[8];
        Assert.Equal(1, queue.RxBurst(burst));
        Assert.Equal(60, burst[0].Length);
        Assert.Equal(1UL, queue.Errors);
        _pool.Free(burst[0]);
        Assert.Equal(_pool.Capacity, _pool.Available + queue.BuffersHeld);
    }

    [Theory]
    [InlineData(true, 4096)]
    [InlineData(false, 9022)]
    public void AChainPastTheMaximumFrame_OrWithoutScatter_IsDroppedWhole_AndCounted(bool scatter, int maxFrameLength)
    {
        using AdvancedRxQueue<MmioRegisters> queue = Queue(RxDecodePath.Scalar, scatter, maxFrameLength);
        AdvancedRxDescriptor* ring = Ring();
        WriteBack(ring + 0, Segment, AdvancedRxStatus.DescriptorDone);
        WriteBack(ring + 1, Segment, AdvancedRxStatus.DescriptorDone);
        var burst = new Packet[8];
        Assert.Equal(0, queue.RxBurst(burst));
        WriteBack(ring + 2, 1, AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket);
        WriteBack(ring + 3, 60, AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket);
        Assert.Equal(1, queue.RxBurst(burst));
        Assert.Equal(60, burst[0].Length);
        Assert.Equal(1UL, queue.Errors);
        _pool.Free(burst[0]);
        Assert.Equal(_pool.Capacity, _pool.Available + queue.BuffersHeld);
    }

    [Fact]
    public void AnOpenChain_IsReturnedToThePool_WhenTheQueueReleasesItsBuffers()
    {
        AdvancedRxQueue<MmioRegisters> queue = Queue(RxDecodePath.Scalar, scatter: true, maxFrameLength: 9022);
        AdvancedRxDescriptor* ring = Ring();
        WriteBack(ring + 0, Segment, AdvancedRxStatus.DescriptorDone);
        WriteBack(ring + 1, Segment, AdvancedRxStatus.DescriptorDone);
        Assert.Equal(0, queue.RxBurst(new Packet[8]));
        Assert.Equal(RingSize - 2 + 2, queue.BuffersHeld);
        Assert.True(queue.Disable(TimeSpan.FromSeconds(1)));
        queue.Dispose();
        Assert.Equal(_pool.Capacity, _pool.Available);
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_bar);
        Assert.Equal(_pool.Capacity, _pool.Available);
        _pool.Dispose();
    }

    private AdvancedRxQueue<MmioRegisters> Queue(RxDecodePath path, bool scatter, int maxFrameLength)
    {
        var queue = new AdvancedRxQueue<MmioRegisters>(new MmioRegisters(_bar, 0x1000), new QueueRegisterOffsets(0x100, 0x104, 0x108, 0x110, 0x118, 0x128), 0, 0, _pool,
            new RxQueueOptions { RingSize = RingSize, RefillBatch = 4, DecodePath = path, Scatter = scatter }, RxErrorLayout.Ixgbe82599, maxFrameLength: maxFrameLength);
        queue.Configure();
        queue.Enable(TimeSpan.FromSeconds(1));
        return queue;
    }

    private AdvancedRxDescriptor* Ring() => (AdvancedRxDescriptor*)((ulong)*(uint*)(_bar + 0x100) | ((ulong)*(uint*)(_bar + 0x104) << 32));

    private static void WriteBack(AdvancedRxDescriptor* descriptor, ushort length, uint status)
    {
        descriptor->Length = length;
        Volatile.Write(ref descriptor->StatusError, status);
    }

    private static int[] Lengths(Packet chain)
    {
        var lengths = new List<int>();
        for (Packet segment = chain; !segment.IsNull; segment = segment.Next)
        {
            lengths.Add(segment.SegmentLength);
        }

        return [.. lengths];
    }
}
