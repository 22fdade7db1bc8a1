using FastPath.Drivers.Igb.Phy;
using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Igb.Tests.Fakes;

namespace FastPath.Drivers.Igb.Tests;

/// <summary>MDIC sequencing against the fake: one command store, then polling for ready (82576 8.2.6).</summary>
public sealed class MdioBusTests
{
    [Fact]
    public void ReadStoresOneReadCommandForPhy1ThenPollsUntilReady()
    {
        var file = new RegisterFile();
        file.Phy[PhyRegister.Status] = 0x796D;
        var bus = new MdioBus<FakeRegisters>(new FakeRegisters(file), TimeSpan.FromMilliseconds(50));

        ushort value = bus.Read(PhyRegister.Status);

        Assert.Equal(0x796D, value);
        (char Kind, uint Offset, uint Value) command = Assert.Single(file.Log, e => e.Kind == 'W');
        Assert.Equal(IgbRegister.MdiControl, command.Offset);
        Assert.Equal(IgbBits.MdicOpRead | 1u << 16 | 1u << 21, command.Value);
        Assert.Equal('R', file.Log[^1].Kind);
        Assert.Equal([1u], file.PhyAddresses);
    }

    [Fact]
    public void WriteCarriesTheDataInTheLow16Bits()
    {
        var file = new RegisterFile();
        var bus = new MdioBus<FakeRegisters>(new FakeRegisters(file), TimeSpan.FromMilliseconds(50));

        bus.Write(PhyRegister.Control, 0x1340);

        Assert.Equal(0x1340, file.Phy[PhyRegister.Control]);
        Assert.Equal(IgbBits.MdicOpWrite | 0x1340u | 1u << 21, file.Log[0].Value);
    }

    [Fact]
    public void AnErrorBitThrowsNamingTheRegister()
    {
        var file = new RegisterFile { MdicFails = true };
        var bus = new MdioBus<FakeRegisters>(new FakeRegisters(file), TimeSpan.FromMilliseconds(50));

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => bus.Read(PhyRegister.Control));
        Assert.Contains("PHY register 0", error.Message);
    }

    [Fact]
    public void ANeverReadyBusTimesOut()
    {
        var file = new RegisterFile { MdicHangs = true };
        var bus = new MdioBus<FakeRegisters>(new FakeRegisters(file), TimeSpan.FromMilliseconds(20));

        Assert.Throws<TimeoutException>(() => bus.Write(PhyRegister.Control, 0));
    }

    [Fact]
    public void RegisterNumbersAboveClause22AreRefused()
    {
        var bus = new MdioBus<FakeRegisters>(new FakeRegisters(new RegisterFile()), TimeSpan.FromMilliseconds(20));
        Assert.Throws<ArgumentOutOfRangeException>(() => bus.Read(32));
    }
}
