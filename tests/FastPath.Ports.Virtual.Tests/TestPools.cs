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
