using FastPath.Drivers.Igb.Phy;
using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Igb.Tests.Fakes;
using FastPath.Net;

namespace FastPath.Drivers.Igb.Tests;

/// <summary>The device-wide initialization steps against the register fake.</summary>
public sealed class IgbDeviceSetupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void ResetMasksInterruptsSetsRstWaitsAndDisablesQueuesTheResetLeftOn()
    {
        var file = new RegisterFile();
        file[IgbRegister.EepromControl] = IgbBits.EepromAutoReadDone;
        file[IgbRegister.RxControl(0)] = 1u << 25 | 1u << 16;
        file[IgbRegister.TxControl(0)] = 1u << 25;
        var registers = new FakeRegisters(file);

        Assert.True(IgbDeviceSetup.Reset(ref registers, Timeout));

        List<(char Kind, uint Offset, uint Value)> writes = file.Log.Where(e => e.Kind == 'W').ToList();
        int imc = writes.FindIndex(e => e.Offset == IgbRegister.InterruptMaskClear);
        int rst = writes.FindIndex(e => e.Offset == IgbRegister.DeviceControl && (e.Value & IgbBits.ControlReset) != 0);
        Assert.InRange(imc, 0, rst - 1);
        Assert.Equal(0u, file[IgbRegister.DeviceControl] & IgbBits.ControlReset);
        Assert.Equal(1u << 16, file[IgbRegister.RxControl(0)]);
        Assert.Equal(0u, file[IgbRegister.TxControl(0)]);
        Assert.NotEqual(0u, file[IgbRegister.ExtendedControl] & IgbBits.ExtendedControlDriverLoaded);
    }

    [Fact]
    public void ResetAcceptsAPresentEepromWithoutAutoReadDoneAsQemuReportsIt()
    {
        var file = new RegisterFile();
        file[IgbRegister.EepromControl] = IgbBits.EepromPresent;
        var registers = new FakeRegisters(file);

        Assert.False(IgbDeviceSetup.Reset(ref registers, Timeout));
    }

    [Fact]
    public void ResetWithoutAnyEepromThrows()
    {
        var registers = new FakeRegisters(new RegisterFile());
        Assert.Throws<TimeoutException>(() => IgbDeviceSetup.Reset(ref registers, Timeout));
    }

    [Fact]
    public void AutoNegotiationRestartSetsSluAndWritesAnRestartThroughMdic()
    {
        var file = new RegisterFile();
        file[IgbRegister.DeviceControl] = IgbBits.ControlForceSpeed | IgbBits.ControlForceDuplex;
        file.Phy[PhyRegister.Control] = 0x0140 | PhyRegister.ControlPowerDown;
        var registers = new FakeRegisters(file);

        IgbDeviceSetup.RestartAutoNegotiation(ref registers, Timeout);

        Assert.Equal(IgbBits.ControlSetLinkUp, file[IgbRegister.DeviceControl]);
        Assert.Equal(0x0140 | PhyRegister.ControlAutoNegotiationEnable | PhyRegister.ControlRestartAutoNegotiation, file.Phy[PhyRegister.Control]);
        Assert.All(file.PhyAddresses, address => Assert.Equal(1u, address));
    }

    [Theory]
    [InlineData(0x0u, false, 0)]
    [InlineData(0x83u, true, 1000)]
    [InlineData(0x43u, true, 100)]
    [InlineData(0x02u, true, 10)]
    public void LinkComesFromStatus(uint status, bool up, int speed)
    {
        var file = new RegisterFile();
        file[IgbRegister.DeviceStatus] = status;
        var registers = new FakeRegisters(file);

        var link = IgbDeviceSetup.ReadLink(ref registers);

        Assert.Equal(up, link.IsUp);
        Assert.Equal(speed, link.SpeedMbps);
    }

    [Fact]
    public void MacAddressRoundTripsThroughRalRahWithTheValidBit()
    {
        var file = new RegisterFile();
        var registers = new FakeRegisters(file);
        MacAddress mac = MacAddress.Parse("52:54:00:fa:00:01");

        IgbDeviceSetup.WriteMacAddress(ref registers, mac);

        Assert.Equal(0xFA005452u, file[IgbRegister.ReceiveAddressLow(0)]);
        Assert.Equal(0x0100u | IgbBits.ReceiveAddressValid, file[IgbRegister.ReceiveAddressHigh(0)]);
        Assert.Equal(mac, IgbDeviceSetup.ReadMacAddress(ref registers));
    }

    [Fact]
    public void PromiscuousFiltersSetUpeMpeBamAndStripTheCrcWithoutEnablingReceive()
    {
        var file = new RegisterFile();
        file[IgbRegister.MulticastTable(5)] = 0xFFFF;
        var registers = new FakeRegisters(file);

        IgbDeviceSetup.ConfigureReceiveFilters(ref registers, promiscuous: true, maxFrameSize: 1514);

        uint rctl = file[IgbRegister.ReceiveControl];
        Assert.Equal(IgbBits.ReceiveUnicastPromiscuous | IgbBits.ReceiveMulticastPromiscuous | IgbBits.ReceiveBroadcastAccept | IgbBits.ReceiveStripCrc, rctl);
        Assert.Equal(0u, file[IgbRegister.MulticastTable(5)]);
    }

    [Fact]
    public void JumboFramesSetLpeAndRlpml()
    {
        var file = new RegisterFile();
        var registers = new FakeRegisters(file);

        IgbDeviceSetup.ConfigureReceiveFilters(ref registers, promiscuous: false, maxFrameSize: 9018);

        Assert.NotEqual(0u, file[IgbRegister.ReceiveControl] & IgbBits.ReceiveLongPacketEnable);
        Assert.Equal(0u, file[IgbRegister.ReceiveControl] & IgbBits.ReceiveUnicastPromiscuous);
        Assert.Equal(9026u, file[IgbRegister.LongPacketMaximumLength]);
    }
}
