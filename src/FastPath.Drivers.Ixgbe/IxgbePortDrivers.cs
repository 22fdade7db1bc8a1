using FastPath.Drivers.Intel.Devices;
using FastPath.Drivers.Intel.Registers;
using FastPath;
using FastPath.Ports.Registry;
using FastPath.Linux.Mmio;
using FastPath.Ports;
using FastPath.Vfio.Pci;

namespace FastPath.Drivers.Ixgbe;

/// <summary>
/// The ixgbe driver behind the shared <c>pci:</c> port kind: <see cref="PciNic"/> claims the 82599 device ids and
/// opens a claimed device, bound to vfio-pci, as an <see cref="IxgbePort{TRegisters}"/> over
/// <see cref="VfioDeviceFunction"/>. The application's pool (IOVA = virtual address) is mirrored into the device's own
/// VFIO container (<see cref="VfioDeviceFunction.OpenIovaAsVa"/>), as igb does, so its buffers travel between ports
/// unchanged; this needs an IOMMU that covers user addresses (48-bit). Register it with <see cref="RegisterWith"/>.
/// </summary>
public static class IxgbePortDrivers
{
    /// <summary>The Intel vendor id.</summary>
    public const ushort IntelVendorId = 0x8086;

    /// <summary>
    /// The 82599 physical-function device ids (vendor 8086), as the Linux ixgbe driver defines them
    /// (drivers/net/ethernet/intel/ixgbe/ixgbe_type.h, IXGBE_DEV_ID_82599_*): KX4 10f7, KX4 mezzanine 1514, KR 1517,
    /// combo backplane 10f8, CX4 10f9, SFP+ 10fb, backplane FCoE 152a, SFP+ FCoE 1529, SFP+ EM 1507, SFP+ SF2 154d,
    /// SFP+ SF QP 154a, LS 154f, 82599EN SFP+ 1557, QSFP+ SF QP 1558, XAUI LOM 10fc, T3 LOM 151c. The virtual functions
    /// (10ed, 152e) are a different device and are not claimed; only the register model of the SFP+ part is simulated.
    /// </summary>
    public static IReadOnlySet<PciDeviceId> DeviceIds { get; } = PciDeviceId.Of(IntelVendorId,
    [
        0x10F7, 0x1514, 0x1517, 0x10F8, 0x10F9, 0x10FB, 0x152A, 0x1529,
        0x1507, 0x154D, 0x154A, 0x154F, 0x1557, 0x1558, 0x10FC, 0x151C,
    ]);

    /// <summary><c>pci:ADDRESS[:queues=N][:rxd=N][:txd=N][:no-promisc]</c> for an 82599 bound to vfio-pci.</summary>
    public static PciNicDriver PciNic { get; } = new()
    {
        Name = "ixgbe",
        Description = "Intel 82599 10 GbE",
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
        VfioPortOpener.Open<IxgbePortOptions>(device, spec, context, "ixgbe", IxgbePortOptions.MaxQueues, minRingSize: 64, (text, function, options, logger) =>
            new IxgbePort<MmioRegisters>(text, function.Registers, function, context.Pool, options, logger));
}
