using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Mempool.Tests.Buffers;

public sealed unsafe class PacketTests : IDisposable
{
    private readonly PacketPool _pool = PacketPool.Create("packet-tests", 8, IdentityDmaMapper.Instance, new PacketPoolOptions { CacheSize = 0, Hugepages = HugepagePolicy.Never });

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void A_new_packet_is_empty_after_the_headroom_with_its_data_iova_at_hand()
    {
        Assert.True(_pool.TryAlloc(out Packet packet));
        Assert.Equal(0, packet.Length);
        Assert.Equal(PacketLayout.DefaultHeadroom, packet.Headroom);
        Assert.Equal(PacketLayout.DefaultDataRoom, packet.Tailroom);
        Assert.Equal(packet.Metadata.BufferIova + PacketLayout.DefaultHeadroom, packet.DataIova);
        Assert.Equal((ulong)packet.DataPointer, packet.DataIova);
        Assert.Equal(0, packet.Handle % 64);
        packet.Free();
    }

    [Fact]
    public void Append_prepend_and_trim_move_the_frame_within_the_buffer()
    {
        Assert.True(_pool.TryAlloc(out Packet packet));
        packet.Append(100).Fill(1);
        packet.Prepend(14).Fill(2);
        Assert.Equal(114, packet.Length);
        Assert.Equal(PacketLayout.DefaultHeadroom - 14, packet.Headroom);
        Assert.Equal(2, packet.Data[0]);
        Assert.Equal(1, packet.Data[14]);
        packet.TrimFront(14);
        packet.TrimEnd(50);
        Assert.Equal(50, packet.Length);
        Assert.Equal(1, packet.Data[0]);
        packet.Free();
    }

    [Fact]
    public void Growing_past_the_buffer_fails_with_the_room_left()
    {
        Assert.True(_pool.TryAlloc(out Packet packet));
        var head = Assert.Throws<ArgumentOutOfRangeException>(() => packet.Prepend(PacketLayout.DefaultHeadroom + 1));
        Assert.Contains("128 bytes of headroom", head.Message);
        var tail = Assert.Throws<ArgumentOutOfRangeException>(() => packet.Append(PacketLayout.DefaultDataRoom + 1));
        Assert.Contains("2048 bytes of tailroom", tail.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => packet.Length = PacketLayout.DefaultDataRoom + 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => packet.TrimEnd(1));
        packet.Length = 60;
        Assert.Equal(60, packet.Data.Length);
        packet.Free();
    }

    [Fact]
    public void Handles_round_trip_through_their_address()
    {
        Assert.True(_pool.TryAlloc(out Packet packet));
        Assert.Equal(packet, Packet.FromHandle(packet.Handle));
        Assert.False(packet.IsNull);
        Assert.True(default(Packet).IsNull);
        packet.Free();
    }
}
