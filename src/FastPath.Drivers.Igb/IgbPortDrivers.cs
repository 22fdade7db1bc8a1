using FastPath.Drivers.Intel.Devices;
using FastPath.Drivers.Intel.Registers;
using FastPath;
using FastPath.Ports.Registry;
using FastPath.Linux.Mmio;
using FastPath.Ports;
using FastPath.Vfio.Pci;

namespace FastPath.Drivers.Igb;

/// <summary>
/// The igb driver behind the shared <c>pci:</c> port kind: <see cref="PciNic"/> claims the 82576 and I350 device ids
/// and opens a claimed device, bound to vfio-pci, as an <see cref="IgbPort{TRegisters}"/> (<c>pci:0000:02:00.0
/// [:queues=N][:rxd=N][:txd=N][:no-promisc]</c>). The application's pool (IOVA = virtual address) is mirrored into the
/// device's own VFIO container (<see cref="VfioDeviceFunction.OpenIovaAsVa"/>), so its buffers travel between ports
/// unchanged; this needs an IOMMU that covers user addresses (48-bit). Register it with <see cref="RegisterWith"/>.
/// </summary>
public static class IgbPortDrivers
{
    /// <summary>The Intel vendor id.</summary>
    public const ushort IntelVendorId = 0x8086;

    /// <summary>
    /// The igb-family device ids (vendor 8086) this driver claims, as the PCI ID repository (pci.ids) lists them: the
    /// 82576 variants (copper 10c9, fiber 10e6, serdes 10e7, quad copper 10e8 and 1526, NS 150a, NS serdes 1518,
    /// serdes quad 150d) and the I350 (copper 1521, fiber 1522, serdes 1523, SGMII 1524). Only the 82576 (QEMU's igb)
    /// is proven in the guest tests.
    /// </summary>
    public static IReadOnlySet<PciDeviceId> DeviceIds { get; } = PciDeviceId.Of(IntelVendorId,
    [
        0x10C9, 0x10E6, 0x10E7, 0x10E8, 0x1526, 0x150A, 0x1518, 0x150D,
        0x1521, 0x1522, 0x1523, 0x1524,
    ]);

    /// <summary><c>pci:ADDRESS[:queues=N][:rxd=N][:txd=N][:no-promisc]</c> for an igb NIC bound to vfio-pci; promiscuous unless no-promisc, RSS with queues &gt; 1.</summary>
    public static PciNicDriver PciNic { get; } = new()
    {
        Name = "igb",
        Description = "Intel 82576, I350 1 GbE",
        DeviceIds = DeviceIds,
        Options = VfioPortOpener.Options,
        Flags = VfioPortOpener.Flags,
        Open = Open,
    };

    /// <summary>Registers <see cref="PciNic"/> with <paramref name="factory"/>'s <c>pci</c> kind.</summary>
    public static void RegisterWith(PortRegistry factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.RegisterPciNic(PciNic);
    }

    private static IPort Open(PciDeviceIdentity device, PortSpec spec, PortOpenContext context) =>
        VfioPortOpener.Open<IgbPortOptions>(device, spec, context, "igb", IgbPortOptions.MaxRxQueues, minRingSize: 32, (text, function, options, logger) =>
            new IgbPort<MmioRegisters>(text, function.Registers, function, context.Pool, options, logger));
}
