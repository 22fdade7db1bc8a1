using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.Tests;

/// <summary>Small mempools in ordinary memory, with double-free checks on.</summary>
internal static class TestPools
{
    public static PacketPool Create(int count = 512, string name = "test") =>
        PacketPool.Create(name, count, IdentityDmaMapper.Instance, new PacketPoolOptions
        {
            CacheSize = 0,
            Hugepages = HugepagePolicy.Never,
            DebugChecks = true,
        });

    /// <summary>Allocates <paramref name="count"/> packets holding <paramref name="fill"/>(i) as their bytes.</summary>
    public static Packet[] AllocFrames(PacketPool pool, int count, Func<int, byte[]> fill)
    {
        var packets = new Packet[count];
        Assert.Equal(count, pool.Alloc(packets));
        for (int i = 0; i < count; i++)
        {
            byte[] bytes = fill(i);
            packets[i].Length = bytes.Length;
            bytes.CopyTo(packets[i].Data);
        }

        return packets;
    }

    /// <summary>
    /// A chain holding <paramref name="frame"/>, <paramref name="segmentLength"/> bytes a segment (the last one the
    /// rest), built with <see cref="Packet.AppendSegment"/> as an application would.
    /// </summary>
    public static Packet AllocChain(PacketPool pool, byte[] frame, int segmentLength)
    {
        Packet head = default;
        for (int offset = 0; offset < frame.Length; offset += segmentLength)
        {
            Assert.True(pool.TryAlloc(out Packet segment), "the pool ran out building a test chain");
            int length = Math.Min(segmentLength, frame.Length - offset);
            segment.Length = length;
            frame.AsSpan(offset, length).CopyTo(segment.Data);
            if (head.IsNull)
            {
                head = segment;
            }
            else
            {
                head.AppendSegment(segment);
            }
        }

        return head;
    }

    /// <summary>A frame of <paramref name="length"/> bytes numbered <paramref name="number"/> in its first four bytes.</summary>
    public static byte[] NumberedFrame(int number, int length = 64)
    {
        var frame = new byte[length];
        for (int i = 0; i < length; i++)
        {
            frame[i] = (byte)(number * 7 + i);
        }

        BitConverter.TryWriteBytes(frame, number);
        return frame;
    }
}
