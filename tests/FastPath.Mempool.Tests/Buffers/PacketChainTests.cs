using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Mempool.Tests.Buffers;

public sealed unsafe class PacketChainTests : IDisposable
{
    private readonly PacketPool _pool = PacketPool.Create("chain-tests", 16, IdentityDmaMapper.Instance, new PacketPoolOptions { CacheSize = 0, Hugepages = HugepagePolicy.Never, DebugChecks = true });
    private readonly PacketPool _other = PacketPool.Create("chain-tests-other", 4, IdentityDmaMapper.Instance, new PacketPoolOptions { CacheSize = 0, Hugepages = HugepagePolicy.Never, DebugChecks = true });

    public void Dispose()
    {
        _pool.Dispose();
        _other.Dispose();
    }

    [Fact]
    public void A_chain_counts_its_segments_and_bytes_and_reads_back_as_one_frame()
    {
        Packet head = Frame(_pool, 2000, 0);
        head.AppendSegment(Frame(_pool, 2000, 2000));
        head.AppendSegment(Frame(_other, 1000, 4000));

        Assert.False(head.IsContiguous);
        Assert.Equal(3, head.SegmentCount);
        Assert.Equal(5000, head.Length);
        Assert.Equal(2000, head.SegmentLength);
        Assert.Equal(1000, head.LastSegment.SegmentLength);

        int walked = 0;
        int parts = 0;
        foreach (Span<byte> part in head.Segments)
        {
            for (int i = 0; i < part.Length; i++)
            {
                Assert.Equal((byte)(walked + i), part[i]);
            }

            walked += part.Length;
            parts++;
        }

        Assert.Equal((5000, 3), (walked, parts));
        var scratch = new byte[5000];
        ReadOnlySpan<byte> whole = head.GetContiguous(scratch);
        Assert.Equal(5000, whole.Length);
        for (int i = 0; i < whole.Length; i++)
        {
            Assert.Equal((byte)i, whole[i]);
        }

        var tooShort = Assert.Throws<ArgumentException>(() => head.CopyTo(new byte[4999]));
        Assert.Contains("5000 bytes in 3 segments", tooShort.Message);
        head.Free();
        Assert.Equal(0, _pool.InUse);
        Assert.Equal(0, _other.InUse);
    }

    [Fact]
    public void A_contiguous_frame_is_read_in_place_without_a_copy()
    {
        Packet packet = Frame(_pool, 60, 0);
        ReadOnlySpan<byte> bytes = packet.GetContiguous(Span<byte>.Empty);
        Assert.True(packet.IsContiguous);
        Assert.Equal(1, packet.SegmentCount);
        Assert.True(bytes.Overlaps(packet.Data));
        Assert.Equal(60, bytes.Length);
        packet.Free();
    }

    [Fact]
    public void Append_and_trim_work_on_the_last_segment_and_keep_the_total()
    {
        Packet head = Frame(_pool, 100, 0);
        Packet tail = Frame(_pool, 10, 100);
        head.AppendSegment(tail);
        head.Append(5).Fill(0xEE);
        Assert.Equal(115, head.Length);
        Assert.Equal(15, tail.SegmentLength);
        head.TrimEnd(15);
        Assert.Equal(100, head.Length);
        Assert.Equal(0, tail.SegmentLength);
        var trim = Assert.Throws<ArgumentOutOfRangeException>(() => head.TrimEnd(1));
        Assert.Contains("last segment has only 0 bytes", trim.Message);
        head.TrimFront(20);
        Assert.Equal(80, head.Length);
        Assert.Throws<InvalidOperationException>(() => head.Length = 10);
        head.Free();
        Assert.Equal(0, _pool.InUse);
    }

    [Fact]
    public void Freeing_a_batch_of_chains_and_single_frames_returns_every_segment_and_unlinks_them()
    {
        var packets = new Packet[4];
        packets[0] = Frame(_pool, 60, 0);
        packets[1] = Frame(_pool, 60, 0);
        packets[1].AppendSegment(Frame(_pool, 60, 0));
        packets[1].AppendSegment(Frame(_other, 60, 0));
        packets[2] = Frame(_pool, 60, 0);
        packets[3] = Frame(_other, 60, 0);
        packets[3].AppendSegment(Frame(_pool, 60, 0));
        Assert.Equal(5, _pool.InUse);
        Assert.Equal(2, _other.InUse);

        PacketPool.FreeToOwners(packets);
        Assert.Equal(0, _pool.InUse);
        Assert.Equal(0, _other.InUse);

        // Every buffer comes back unlinked: a full allocation is all single segments.
        var all = new Packet[16];
        Assert.Equal(16, _pool.Alloc(all));
        Assert.All(all, p => Assert.True(p.IsContiguous && p.SegmentCount == 1 && p.Length == 0));
        _pool.Free(all);
    }

    [Fact]
    public void Debug_checks_refuse_a_segment_in_two_chains_a_free_segment_and_a_loop_and_nothing_is_lost()
    {
        Packet first = Frame(_pool, 60, 0);
        Packet second = Frame(_pool, 60, 0);
        Packet shared = Frame(_pool, 60, 0);
        first.AppendSegment(shared);
        var twice = Assert.Throws<InvalidOperationException>(() => second.AppendSegment(shared));
        Assert.Contains("already a segment of a chain", twice.Message);
        Assert.Throws<InvalidOperationException>(() => first.AppendSegment(first));

        Packet freed = Frame(_pool, 60, 0);
        freed.Free();
        var free = Assert.Throws<InvalidOperationException>(() => second.AppendSegment(freed));
        Assert.Contains("is free", free.Message);

        // A loop made behind the API (a driver's bug): the free refuses before it frees anything.
        shared.Metadata.Next = first.Buffer;
        var loop = Assert.Throws<InvalidOperationException>(() => first.Free());
        Assert.Contains("two chains or the chain loops", loop.Message);
        Assert.Equal(3, _pool.InUse);
        shared.Metadata.Next = null;
        first.Free();
        second.Free();
        Assert.Equal(0, _pool.InUse);
    }

    [Fact]
    public void A_chain_whose_links_end_before_its_count_is_refused_before_anything_is_freed()
    {
        Packet head = Frame(_pool, 60, 0);
        head.AppendSegment(Frame(_pool, 60, 0));
        head.Metadata.SegmentCount = 3;
        var wrong = Assert.Throws<InvalidOperationException>(() => _pool.Free(head));
        Assert.Contains("says it has 3 segments but its links end sooner", wrong.Message);
        Assert.Equal(2, _pool.InUse);
        head.Metadata.SegmentCount = 2;
        _pool.Free(head);
        Assert.Equal(0, _pool.InUse);
    }

    private static Packet Frame(PacketPool pool, int length, int firstByte)
    {
        Assert.True(pool.TryAlloc(out Packet packet));
        Span<byte> data = packet.Append(length);
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)(firstByte + i);
        }

        return packet;
    }
}
