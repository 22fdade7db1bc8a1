using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Net;
using Microsoft.Extensions.Logging;

namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>
/// Factory of <c>sim:ixgbe</c> ports: the real 82599 driver over a behavioural model. Each port gets its own
/// <see cref="SimulatedIommu"/>; its mempools must be created with <see cref="SimulatedIxgbeDevice.Iommu"/>.
/// </summary>
public static class SimulatedIxgbe
{
    /// <summary>Creates two cabled devices (not yet driven), with MAC addresses 02:00:00:00:99:01 and :02.</summary>
    public static (SimulatedIxgbeDevice A, SimulatedIxgbeDevice B) CreateCabledPair(string name = "sim:ixgbe")
    {
        var a = new SimulatedIxgbeDevice($"{name}0", new MacAddress(0x02_00_00_00_99_01));
        var b = new SimulatedIxgbeDevice($"{name}1", new MacAddress(0x02_00_00_00_99_02));
        SimulatedCable.Connect(a.Model, b.Model);
        return (a, b);
    }

    /// <summary>Creates a device, a receive pool of <paramref name="poolSize"/> buffers in its IOMMU, and the driven port.</summary>
    public static (IxgbePort<ModelRegisters> Port, PacketPool Pool) Open(SimulatedIxgbeDevice device, int poolSize, IxgbePortOptions? options = null, PacketPoolOptions? poolOptions = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        PacketPool pool = PacketPool.Create($"{device.Name}-rx", poolSize, device.Iommu, poolOptions ?? new PacketPoolOptions { Hugepages = HugepagePolicy.Never }, logger);
        try
        {
            return (device.CreatePort(pool, options, logger), pool);
        }
        catch
        {
            pool.Dispose();
            throw;
        }
    }
}
