using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;

namespace FastPath.Mempool.Tests.Buffers;

public sealed class PacketBufferLayoutTests
{
    [Fact]
    public void Metadata_is_exactly_one_cache_line()
    {
        Assert.Equal(64, Unsafe.SizeOf<PacketBuffer>());
        Assert.Equal(PacketLayout.CacheLineSize, PacketLayout.MetadataSize);
    }

    [Theory]
    [InlineData(nameof(PacketBuffer.BufferIova), 0)]
    [InlineData(nameof(PacketBuffer.DataOffset), 8)]
    [InlineData(nameof(PacketBuffer.DataLength), 10)]
    [InlineData(nameof(PacketBuffer.PacketLength), 12)]
    [InlineData(nameof(PacketBuffer.Port), 16)]
    [InlineData(nameof(PacketBuffer.Queue), 18)]
    [InlineData(nameof(PacketBuffer.RssHash), 20)]
    [InlineData(nameof(PacketBuffer.Flags), 24)]
    [InlineData(nameof(PacketBuffer.PacketType), 28)]
    [InlineData(nameof(PacketBuffer.Timestamp), 32)]
    [InlineData(nameof(PacketBuffer.Next), 40)]
    [InlineData(nameof(PacketBuffer.VlanTci), 48)]
    [InlineData(nameof(PacketBuffer.SegmentCount), 50)]
    [InlineData(nameof(PacketBuffer.PoolIndex), 52)]
    [InlineData(nameof(PacketBuffer.BufferLength), 56)]
    [InlineData(nameof(PacketBuffer.PoolId), 58)]
    [InlineData(nameof(PacketBuffer.State), 63)]
    public void Fields_sit_where_drivers_expect_them(string field, int offset) =>
        Assert.Equal(offset, (int)Marshal.OffsetOf<PacketBuffer>(field));

    [Fact]
    public void Default_element_holds_headroom_and_a_2KiB_data_room_cache_aligned()
    {
        int size = PacketLayout.ElementSize(PacketLayout.DefaultHeadroom, PacketLayout.DefaultDataRoom);
        Assert.Equal(64 + 128 + 2048, size);
        Assert.Equal(0, size % 64);
        Assert.Equal(0, PacketLayout.ElementSize(100, 2000) % 64);
        Assert.True(PacketLayout.ElementSize(100, 2000) >= 64 + 100 + 2000);
    }

    [Fact]
    public void Packet_handle_is_pointer_sized_so_bursts_move_as_pointers() =>
        Assert.Equal(IntPtr.Size, Unsafe.SizeOf<Packet>());
}
