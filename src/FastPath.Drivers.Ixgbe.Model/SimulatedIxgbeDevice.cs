using FastPath.Net;
using Microsoft.Extensions.Logging;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>One simulated 82599 function: the model, its IOMMU, and the means to drive it with the real driver.</summary>
public sealed class SimulatedIxgbeDevice
{
    /// <summary>Creates a reset device with <paramref name="macAddress"/> in its EEPROM.</summary>
    public SimulatedIxgbeDevice(string name, MacAddress macAddress)
    {
        Name = name;
        Iommu = new SimulatedIommu();
        Model = new Ixgbe82599Model(macAddress, Iommu);
    }

    /// <summary>The device's name.</summary>
    public string Name { get; }

    /// <summary>The IOMMU: mempools used with this device must be created with it as their mapper.</summary>
    public SimulatedIommu Iommu { get; }

    /// <summary>The behavioural model.</summary>
    public Ixgbe82599Model Model { get; }

    /// <summary>Drives the device with the 82599 driver; the port owns the PCI function from now on.</summary>
    public IxgbePort<ModelRegisters> CreatePort(PacketPool pool, IxgbePortOptions? options = null, ILogger? logger = null) =>
        new(Name, new ModelRegisters(Model), new ModelDeviceFunction(Name, Model), pool, options, logger);
}
