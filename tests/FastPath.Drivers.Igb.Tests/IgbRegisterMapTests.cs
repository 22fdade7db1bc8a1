using FastPath.Drivers.Igb;
using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Registers;
using FastPath.Linux.Mmio;

namespace FastPath.Drivers.Igb.Tests;

/// <summary>The register map against the 82576 datasheet's register summary (section 8).</summary>
public sealed class IgbRegisterMapTests
{
    [Fact]
    public void Queue0RegistersSitAt0xC000ForReceiveAnd0xE000ForTransmit()
    {
        QueueRegisterOffsets rx = IgbPort<MmioRegisters>.RxOffsets(0);
        QueueRegisterOffsets tx = IgbPort<MmioRegisters>.TxOffsets(0);
        Assert.Equal(new QueueRegisterOffsets(0xC000, 0xC004, 0xC008, 0xC010, 0xC018, 0xC028), rx);
        Assert.Equal(new QueueRegisterOffsets(0xE000, 0xE004, 0xE008, 0xE010, 0xE018, 0xE028), tx);
        Assert.Equal(0xC00Cu, IgbRegister.RxSplitControl(0));
        Assert.Equal(0xC030u, IgbRegister.RxQueueDropCount(0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(15)]
    public void QueueRegistersAdvanceBy0x40(int queue)
    {
        QueueRegisterOffsets first = IgbPort<MmioRegisters>.RxOffsets(0);
        QueueRegisterOffsets rx = IgbPort<MmioRegisters>.RxOffsets(queue);
        QueueRegisterOffsets tx = IgbPort<MmioRegisters>.TxOffsets(queue);
        uint step = 0x40u * (uint)queue;
        Assert.Equal(first.Control + step, rx.Control);
        Assert.Equal(first.Tail + step, rx.Tail);
        Assert.Equal(0xE018u + step, tx.Tail);
        Assert.Equal(0xE028u + step, tx.Control);
    }

    [Fact]
    public void DeviceRegistersMatchTheDatasheet()
    {
        Assert.Equal(0x00020u, IgbRegister.MdiControl);
        Assert.Equal(0x00100u, IgbRegister.ReceiveControl);
        Assert.Equal(0x00400u, IgbRegister.TransmitControl);
        Assert.Equal(0x01524u, IgbRegister.ExtendedInterruptMaskSet);
        Assert.Equal(0x01528u, IgbRegister.ExtendedInterruptMaskClear);
        Assert.Equal(0x01580u, IgbRegister.ExtendedInterruptCause);
        Assert.Equal(0x01700u, IgbRegister.InterruptVectorAllocation(0));
        Assert.Equal(0x0171Cu, IgbRegister.InterruptVectorAllocation(7));
        Assert.Equal(0x01684u, IgbRegister.InterruptThrottle(1));
        Assert.Equal(0x05400u, IgbRegister.ReceiveAddressLow(0));
        Assert.Equal(0x05404u, IgbRegister.ReceiveAddressHigh(0));
        Assert.Equal(0x05818u, IgbRegister.MultipleReceiveQueuesCommand);
        Assert.Equal(0x05C7Cu, IgbRegister.RedirectionTable(IgbRegister.RedirectionTableCount - 1));
        Assert.Equal(0x05CA4u, IgbRegister.RssKey(IgbRegister.RssKeyCount - 1));
    }

    [Fact]
    public void QueueEnableIsBit25AndSrrctlSelectsAdvancedOneBuffer()
    {
        Assert.Equal(0x0200_0000u, QueueRegisterOffsets.QueueEnable);
        Assert.Equal(0x0200_0000u, IgbBits.SrrctlAdvancedOneBuffer);
        Assert.Equal(0x8000_0000u, IgbBits.SrrctlDropEnable);
        Assert.Equal(0x18u, IgbBits.ReceiveUnicastPromiscuous | IgbBits.ReceiveMulticastPromiscuous);
        Assert.Equal(0x8000u, IgbBits.ReceiveBroadcastAccept);
    }
}
