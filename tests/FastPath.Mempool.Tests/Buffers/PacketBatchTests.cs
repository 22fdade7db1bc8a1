using FastPath.Mempool.Buffers;

namespace FastPath.Mempool.Tests.Buffers;

public sealed unsafe class PacketBatchTests
{
    [Fact]
    public void Holds_up_to_its_capacity_and_drops_from_the_front()
    {
        var batch = new PacketBatch(4);
        Assert.Equal(4, batch.Storage.Length);
        for (int i = 1; i <= 4; i++)
        {
            Assert.True(batch.TryAdd(Packet.FromHandle(i * 64)));
        }

        Assert.False(batch.TryAdd(Packet.FromHandle(320)));
        batch.RemoveFront(3);
        Assert.Equal(1, batch.Count);
        Assert.Equal(256, batch.Packets[0].Handle);
        batch.Clear();
        Assert.Empty(batch.Packets.ToArray());
    }

    [Fact]
    public void Default_burst_is_32() => Assert.Equal(32, new PacketBatch().Capacity);
}
