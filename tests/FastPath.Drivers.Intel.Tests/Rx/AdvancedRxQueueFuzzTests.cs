using System.Runtime.InteropServices;
using CsCheck;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Rx;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Testing;

namespace FastPath.Drivers.Intel.Tests.Rx;

/// <summary>
/// Fuzzes the receive queue and its decoder with random write-backs (any status, error, length and chain bits) on
/// both devices' layouts, every decode path, with and without scatter: every frame handed out is one the device wrote
/// back good and whole, with its length and, with scatter, its segments (a chain over several descriptors whose last
/// one is good and whose total stays within the queue's maximum frame); every other frame is dropped and counted; and
/// every buffer is accounted for, in the ring, in an open chain, in the caller's hands or back in the pool. Registers are a plain memory page behind the real <see cref="MmioRegisters"/>.
/// </summary>
public sealed unsafe class AdvancedRxQueueFuzzTests
{
    private const int RingSize = 64;
    private const int MaxFrameLength = 4000;

    private static readonly Gen<(uint Status, ushort Length)> WriteBack = Gen.Select(
        Gen.Frequency((6, Gen.Const(AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket)), (3, Gen.Const(AdvancedRxStatus.DescriptorDone)), (1, Gen.Const(0u))),
        Gen.UInt, Gen.UShort[0, 2048]).Select(static (core, random, length) => (core | (random & ~(AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket)), length));

    [Fact]
    public void RandomWriteBacksLoseNoBufferAndDeliverOnlyGoodFrames() =>
        FuzzBudget.Run(Gen.Select(WriteBack.Array[1, 200], Gen.Bool, Gen.OneOf(RxDecodePath.Scalar, RxDecodePath.Vector128, RxDecodePath.Vector256), Gen.Bool), static input =>
        {
            ((uint Status, ushort Length)[] writeBacks, bool igb, RxDecodePath path, bool scatter) = input;
            if (!RxDescriptorDecoder.IsSupported(path))
            {
                path = RxDecodePath.Scalar;
            }

            RxErrorLayout layout = igb ? RxErrorLayout.Igb82576 : RxErrorLayout.Ixgbe82599;
            byte* bar = (byte*)NativeMemory.AlignedAlloc(0x1000, 4096);
            new Span<byte>(bar, 0x1000).Clear();
            using PacketPool pool = PacketPool.Create("fuzz-rx", RingSize + 64, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 0, DebugChecks = true });
            try
            {
                using var queue = new AdvancedRxQueue<MmioRegisters>(new MmioRegisters(bar, 0x1000), new QueueRegisterOffsets(0x100, 0x104, 0x108, 0x110, 0x118, 0x128), 0, 0, pool,
                    new RxQueueOptions { RingSize = RingSize, RefillBatch = 16, DecodePath = path, Scatter = scatter }, layout, maxFrameLength: MaxFrameLength);
                queue.Configure();
                queue.Enable(TimeSpan.FromSeconds(1));
                var ring = (AdvancedRxDescriptor*)((ulong)*(uint*)(bar + 0x100) | ((ulong)*(uint*)(bar + 0x104) << 32));
                var burst = new Packet[32];
                int device = 0;
                bool inChain = false;
                int chainLength = 0, chainSegments = 0;
                var expected = new Queue<(int Length, int Segments)>();
                ulong errors = 0;
                foreach ((uint status, ushort length) in writeBacks)
                {
                    // The device owns [head, tail): at the tail it waits for the driver to receive and re-arm.
                    if (device == (int)Volatile.Read(ref *(uint*)(bar + 0x118)))
                    {
                        Drain(queue, burst, expected, pool);
                        if (device == (int)Volatile.Read(ref *(uint*)(bar + 0x118)))
                        {
                            break;
                        }
                    }

                    AdvancedRxDescriptor* d = ring + device;
                    d->Length = length;
                    Volatile.Write(ref d->StatusError, status);
                    if ((status & AdvancedRxStatus.DescriptorDone) == 0)
                    {
                        continue;
                    }

                    chainLength = inChain ? chainLength + length : length;
                    chainSegments = inChain ? chainSegments + 1 : 1;
                    bool endsFrame = (status & AdvancedRxStatus.EndOfPacket) != 0;
                    if (endsFrame)
                    {
                        // Only the last descriptor's errors count; a chain needs scatter and must fit the maximum frame.
                        bool good = (status & layout.GoodFrameMask) == AdvancedRxStatus.GoodFrameValue &&
                            (chainSegments == 1 || (scatter && chainLength <= MaxFrameLength));
                        if (good)
                        {
                            expected.Enqueue((chainLength, chainSegments));
                        }
                        else
                        {
                            errors++;
                        }
                    }

                    inChain = !endsFrame;
                    device = (device + 1) & (RingSize - 1);
                }

                Drain(queue, burst, expected, pool);
                Assert.Empty(expected);
                Assert.Equal(errors, queue.Errors);
                Assert.Equal(pool.Capacity, pool.Available + queue.BuffersHeld);
                Assert.True(queue.Disable(TimeSpan.FromSeconds(1)));
            }
            finally
            {
                NativeMemory.AlignedFree(bar);
            }

            Assert.Equal(pool.Capacity, pool.Available);
        }, static input => $"{(input.Item2 ? "82576" : "82599")} {input.Item3}{(input.Item4 ? " scatter" : "")}: " + string.Join(" ", input.Item1.Select(w => $"{w.Status:x8}/{w.Length}")));

    private static void Drain(AdvancedRxQueue<MmioRegisters> queue, Packet[] burst, Queue<(int Length, int Segments)> expected, PacketPool pool)
    {
        for (int n; (n = queue.RxBurst(burst)) > 0;)
        {
            for (int i = 0; i < n; i++)
            {
                Assert.True(expected.Count > 0, "A frame was delivered that the device never wrote back good.");
                (int length, int segments) = expected.Dequeue();
                Assert.Equal(length, burst[i].Length);
                Assert.Equal(segments, burst[i].SegmentCount);
                int walked = 0, counted = 0;
                for (Packet segment = burst[i]; !segment.IsNull; segment = segment.Next)
                {
                    walked += segment.SegmentLength;
                    counted++;
                }

                Assert.Equal((length, segments), (walked, counted));
            }

            pool.Free(burst.AsSpan(0, n));
        }
    }
}
