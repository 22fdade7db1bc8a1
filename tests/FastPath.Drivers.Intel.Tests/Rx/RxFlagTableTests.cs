using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Rx;
using FastPath.Mempool.Buffers;

namespace FastPath.Drivers.Intel.Tests.Rx;

public sealed class RxFlagTableTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheVlanBitMeansAStrippedTag_OnlyOnAQueueThatStrips(bool stripping)
    {
        var table = new RxFlagTable(RxErrorLayout.Ixgbe82599, vlanStripped: stripping);
        uint status = AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket | AdvancedRxStatus.VlanPacket;

        PacketFlags flags = table.Lookup(RxFlagTable.Index(status, packetInfo: 0));

        Assert.Equal(stripping, flags.HasFlag(PacketFlags.Vlan));
        Assert.False(table.Lookup(RxFlagTable.Index(status & ~AdvancedRxStatus.VlanPacket, packetInfo: 0)).HasFlag(PacketFlags.Vlan));
    }
}
