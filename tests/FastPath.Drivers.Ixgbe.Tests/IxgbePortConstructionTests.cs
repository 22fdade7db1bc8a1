using FastPath.Drivers.Intel.Devices;
using FastPath.Drivers.Ixgbe.Model;
using FastPath.Linux.Events;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Ixgbe.Tests;

public sealed class IxgbePortConstructionTests
{
    [Fact]
    public void A_rejected_pool_names_the_fix_and_releases_the_device_function()
    {
        var device = new SimulatedIxgbeDevice("sim:reject", new Net.MacAddress(0x02_00_00_00_00_0AUL));
        using PacketPool pool = PacketPool.Create("small-buffers", 64, device.Iommu, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 0 });
        var function = new DisposeCountingFunction(new ModelDeviceFunction(device.Name, device.Model));

        var error = Assert.Throws<ArgumentException>(() =>
            new IxgbePort<ModelRegisters>(device.Name, new ModelRegisters(device.Model), function, pool, new IxgbePortOptions { MaxFrameSize = 9018 }));

        Assert.Contains("frames of 9018 bytes need 9 KiB per buffer", error.Message);
        Assert.Equal(1, function.Disposals);
    }

    /// <summary>Passes every call to a real function and counts how often it was disposed.</summary>
    private sealed class DisposeCountingFunction(IDeviceFunction inner) : IDeviceFunction
    {
        public int Disposals { get; private set; }

        public string Name => inner.Name;

        public IDmaMapper DmaMapper => inner.DmaMapper;

        public int InterruptVectorCount => inner.InterruptVectorCount;

        public void AdmitPool(PacketPool pool) => inner.AdmitPool(pool);

        public void EnableBusMastering() => inner.EnableBusMastering();

        public void DisableBusMastering() => inner.DisableBusMastering();

        public void BindInterrupts(ReadOnlySpan<EventFd?> signals) => inner.BindInterrupts(signals);

        public void UnbindInterrupts() => inner.UnbindInterrupts();

        public void Dispose()
        {
            Disposals++;
            inner.Dispose();
        }
    }
}
