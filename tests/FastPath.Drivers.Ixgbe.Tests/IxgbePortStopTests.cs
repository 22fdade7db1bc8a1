using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Ixgbe.Model;
using FastPath.Drivers.Ixgbe.Registers;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Net;

namespace FastPath.Drivers.Ixgbe.Tests;

/// <summary>
/// A stop that fails on the 82599: a receive queue whose RXDCTL.ENABLE keeps reading 1 (a device slow to acknowledge)
/// makes Stop throw with receive and transmit off and that queue's buffers kept, refuses Start, and a later Stop
/// completes with every buffer back.
/// </summary>
public sealed class IxgbePortStopTests
{
    [Fact]
    public void AStopThatTimesOutLeavesTheDeviceOffAndCanBeRetried()
    {
        var device = new SimulatedIxgbeDevice("sim:stop", new MacAddress(0x02_00_00_00_77_01));
        var hold = new Hold { Offset = IxgbeRegister.RxControl(0) };
        var poolOptions = new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 0, DebugChecks = true };
        using PacketPool pool = PacketPool.Create("rx", 1024, device.Iommu, poolOptions);
        var options = new IxgbePortOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(50), LinkTimeout = TimeSpan.FromMilliseconds(1) };
        using (var port = new IxgbePort<StubbornRegisters>("sim:stop", new StubbornRegisters(new ModelRegisters(device.Model), hold), new ModelDeviceFunction("sim:stop", device.Model), pool, options))
        {
            port.Start();
            int held = pool.Capacity - pool.Available;
            Assert.True(held > 0);
            hold.Active = true;

            var error = Assert.Throws<TimeoutException>(port.Stop);

            Assert.Contains("receive queue 0 still reports RXDCTL.ENABLE", error.Message);
            Assert.Equal(0u, device.Model.ReadRegister(IxgbeRegister.TxControl(0)) & QueueRegisterOffsets.QueueEnable);
            Assert.Equal(0u, device.Model.ReadRegister(IxgbeRegister.RxControl(0)) & QueueRegisterOffsets.QueueEnable);
            Assert.Equal(pool.Capacity - held, pool.Available);
            Assert.Contains("call Stop again", Assert.Throws<InvalidOperationException>(port.Start).Message);

            hold.Active = false;
            port.Stop();
            Assert.Equal(pool.Capacity, pool.Available);
        }

        Assert.Empty(device.Model.Violations);
    }

    private sealed class Hold
    {
        public uint Offset { get; init; }

        public bool Active { get; set; }
    }

    /// <summary>The model's registers, but <see cref="Hold.Offset"/> reads with its enable bit set while the hold is active.</summary>
    private readonly struct StubbornRegisters(ModelRegisters inner, Hold hold) : IRegisterAccess
    {
        public uint Read(uint offset)
        {
            uint value = inner.Read(offset);
            return hold.Active && offset == hold.Offset ? value | QueueRegisterOffsets.QueueEnable : value;
        }

        public void Write(uint offset, uint value) => inner.Write(offset, value);
    }
}
