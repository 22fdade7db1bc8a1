using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Igb.Tests.Fakes;
using FastPath.Drivers.Intel.Rx;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Ports;

namespace FastPath.Drivers.Igb.Tests;

/// <summary>
/// What the 82576 driver programs for jumbo frames over small buffers (RCTL.LPE, RLPML with CRC and tag, SRRCTL in
/// whole KiB, scatter required past one buffer), for VLAN stripping (CTRL.VME, one per port) and for the VLAN filter
/// table (VFTA with RCTL.VFE, set only while an id is accepted), over the register fake.
/// </summary>
public sealed class IgbChainsAndVlanTests
{
    private static readonly IgbPortOptions Fast = new() { HandshakeTimeout = TimeSpan.FromMilliseconds(100), LinkTimeout = TimeSpan.FromMilliseconds(1), RxQueues = 1, TxQueues = 1 };

    [Fact]
    public void JumboFramesOverTwoKiBBuffers_NeedScatter_AndProgramLpeRlpmlAndTheBufferSize()
    {
        using PacketPool pool = Pool();
        var error = Assert.Throws<ArgumentException>(() => new IgbPort<FakeRegisters>("fake", new FakeRegisters(Device()), new FakeDeviceFunction(), pool, Fast with { MaxFrameSize = 9018 }));
        Assert.Contains("Enable scatter (RxOffloads.Scatter, RxQueueOptions.Scatter)", error.Message);

        var file = Device();
        using (var port = new IgbPort<FakeRegisters>("fake", new FakeRegisters(file), new FakeDeviceFunction(), pool, Fast with { MaxFrameSize = 9018, Rx = new RxQueueOptions { Scatter = true } }))
        {
            port.Start();
            Assert.NotEqual(0u, file[IgbRegister.ReceiveControl] & IgbBits.ReceiveLongPacketEnable);
            Assert.Equal(9018u + 4 + 4, file[IgbRegister.LongPacketMaximumLength]);
            Assert.Equal(2u, file[IgbRegister.RxSplitControl(0)] & IgbBits.SrrctlPacketBufferSizeMask);
            Assert.Equal(2048, port.Info.MaxRxSegmentSize);
            Assert.Equal(9720, port.Info.MaxFrameSize);
            Assert.True(port.Configuration.RxOffloads!.Value.HasFlag(RxOffloads.Scatter));
            Assert.True(port.Info.TxOffloads.HasFlag(TxOffloads.MultiSegment | TxOffloads.VlanInsert));
        }

        Assert.Contains("from 60 to 9720 bytes", Assert.Throws<ArgumentOutOfRangeException>(() => new IgbPort<FakeRegisters>("fake", new FakeRegisters(Device()), new FakeDeviceFunction(), pool, Fast with { MaxFrameSize = 9721, Rx = new RxQueueOptions { Scatter = true } })).Message);
        Assert.Equal(pool.Capacity, pool.Available);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void VlanStripping_IsThePortsCtrlVme(bool strip)
    {
        using PacketPool pool = Pool();
        var file = Device();
        file[IgbRegister.DeviceControl] = strip ? 0 : IgbBits.ControlVlanModeEnable;
        using var port = new IgbPort<FakeRegisters>("fake", new FakeRegisters(file), new FakeDeviceFunction(), pool, Fast with { Rx = new RxQueueOptions { VlanStrip = strip } });
        Assert.Equal(strip, (file[IgbRegister.DeviceControl] & IgbBits.ControlVlanModeEnable) != 0);
        Assert.True(port.Info.RxOffloads.HasFlag(RxOffloads.VlanStrip));
        Assert.Equal(strip, port.Configuration.RxOffloads!.Value.HasFlag(RxOffloads.VlanStrip));
        Assert.Equal(strip, port.GetInterruptibleRxQueue(0).Ring.FlagTable.Lookup(32).HasFlag(PacketFlags.Vlan));
    }

    [Fact]
    public void TheVlanFilter_SetsVftaBits_AndRctlVfeOnlyWhileAnIdIsAccepted()
    {
        using PacketPool pool = Pool();
        var file = Device();
        using var port = new IgbPort<FakeRegisters>("fake", new FakeRegisters(file), new FakeDeviceFunction(), pool, Fast);
        port.Start();
        Assert.True(port.Info.Capabilities.HasFlag(PortCapabilities.VlanFilter));
        Assert.Equal(0u, file[IgbRegister.ReceiveControl] & IgbBits.ReceiveVlanFilterEnable);

        port.SetVlanFilter(4095, accept: true);
        port.SetVlanFilter(33, accept: true);
        Assert.Equal(1u << 31, file[IgbRegister.VlanFilterTable(127)]);
        Assert.Equal(1u << 1, file[IgbRegister.VlanFilterTable(1)]);
        Assert.NotEqual(0u, file[IgbRegister.ReceiveControl] & IgbBits.ReceiveVlanFilterEnable);
        Assert.NotEqual(0u, file[IgbRegister.ReceiveControl] & IgbBits.ReceiveEnable);

        port.SetVlanFilter(33, accept: true);
        port.SetVlanFilter(4095, accept: false);
        Assert.Equal(1, port.VlanIdsAccepted);
        Assert.NotEqual(0u, file[IgbRegister.ReceiveControl] & IgbBits.ReceiveVlanFilterEnable);
        port.SetVlanFilter(33, accept: false);
        Assert.Equal(0u, file[IgbRegister.VlanFilterTable(1)]);
        Assert.Equal(0u, file[IgbRegister.ReceiveControl] & IgbBits.ReceiveVlanFilterEnable);
        Assert.NotEqual(0u, file[IgbRegister.ReceiveControl] & IgbBits.ReceiveEnable);
    }

    private static PacketPool Pool() =>
        PacketPool.Create("igb-chains", 1024, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, DataRoom = PacketLayout.DefaultDataRoom, CacheSize = 0, DebugChecks = true });

    /// <summary>A register file that passes reset: EEPROM auto-read done, link up.</summary>
    private static RegisterFile Device()
    {
        var file = new RegisterFile();
        file[IgbRegister.EepromControl] = IgbBits.EepromAutoReadDone;
        file[IgbRegister.DeviceStatus] = IgbBits.StatusLinkUp;
        return file;
    }
}
