using System.Globalization;
using FastPath.Drivers.Intel.Registers;
using FastPath.Hosting;
using FastPath.Hosting.Ports;
using FastPath.Ports;
using FastPath.Vfio;
using FastPath.Vfio.Pci;
using Microsoft.Extensions.Logging;

namespace FastPath.Drivers.Igb.Hosting;

/// <summary>
/// The <c>pci:</c> port kind for igb devices, for <see cref="PortFactory.Register"/>: <c>pci:0000:02:00.0[:queues=N]
/// [:rxd=N][:txd=N][:no-promisc]</c> opens an 82576 (or I350) bound to vfio-pci as an <see cref="IgbPort{TRegisters}"/>.
/// The application's pool (IOVA = virtual address) is mirrored into the device's own VFIO container, so its buffers
/// travel between ports unchanged; this needs an IOMMU that covers user addresses (48-bit).
/// </summary>
public static class IgbPortDrivers
{
    /// <summary>
    /// The PCI device ids (vendor 8086) of the igb family this driver accepts: the 82576 variants (copper 10c9, fiber
    /// 10e6, serdes 10e7, quad copper 10e8 and 1526, NS 150a, NS serdes 1518, serdes quad 150d) and the I350 (copper
    /// 1521, fiber 1522, serdes 1523, SGMII 1524), as listed in the PCI ID repository (pci.ids). Only the 82576 (QEMU's
    /// igb) is proven in the guest tests.
    /// </summary>
    public static IReadOnlySet<ushort> DeviceIds { get; } = new HashSet<ushort>
    {
        0x10C9, 0x10E6, 0x10E7, 0x10E8, 0x1526, 0x150A, 0x1518, 0x150D,
        0x1521, 0x1522, 0x1523, 0x1524,
    };

    private const ushort IntelVendorId = 0x8086;

    /// <summary>Registers <see cref="Pci"/> with <paramref name="factory"/>.</summary>
    public static void RegisterWith(PortFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Register(Pci);
    }

    /// <summary><c>pci:ADDRESS[:queues=N][:rxd=N][:txd=N][:no-promisc]</c>: an igb NIC through VFIO.</summary>
    public static PortDriver Pci { get; } = new()
    {
        Kind = "pci",
        Syntax = "pci:DDDD:BB:DD.F[:queues=N][:rxd=N][:txd=N][:no-promisc]",
        Description = "an Intel igb NIC (82576, I350) bound to vfio-pci; promiscuous unless no-promisc; queues > 1 use RSS",
        TargetName = "PCI address",
        Options = new HashSet<string> { "queues", "rxd", "txd" },
        Flags = new HashSet<string> { "no-promisc" },
        Open = Open,
    };

    private static IPort Open(PortSpec spec, PortOpenContext context)
    {
        if (!PciAddress.TryParse(spec.Target, out PciAddress address, out string? error))
        {
            throw new UsageException($"Port spec '{spec.Text}': {error}");
        }

        PciDeviceIdentity identity;
        try
        {
            identity = new PciSysfs().GetDevice(address);
        }
        catch (Exception exception) when (exception is VfioException or IOException)
        {
            throw new UsageException($"Port spec '{spec.Text}': {ErrorText.OneLine(exception)}", exception);
        }

        if (identity.VendorId != IntelVendorId || !DeviceIds.Contains(identity.DeviceId))
        {
            throw new UsageException($"Port spec '{spec.Text}': {address} is {identity.Ids}, not an igb NIC (8086:{string.Join("/", DeviceIds.Select(id => id.ToString("x4", CultureInfo.InvariantCulture)))}); no other pci: driver is registered.");
        }

        var options = new IgbPortOptions
        {
            PortId = (ushort)context.PortId,
            RxQueues = spec.GetInt("queues", context.QueueCount, 1, IgbPortOptions.MaxRxQueues),
            TxQueues = spec.GetInt("queues", context.QueueCount, 1, IgbPortOptions.MaxRxQueues),
            Rx = new() { RingSize = spec.GetInt("rxd", 512, 32, 4096) },
            Tx = new() { RingSize = spec.GetInt("txd", 512, 32, 4096) },
            Promiscuous = !spec.HasFlag("no-promisc"),
        };
        IgbVfioFunction function;
        try
        {
            function = IgbVfioFunction.OpenIovaAsVa(address);
        }
        catch (VfioException exception)
        {
            throw new UsageException($"Port spec '{spec.Text}': {ErrorText.OneLine(exception)}", exception);
        }

        try
        {
            ILogger logger = context.LoggerFactory.CreateLogger("igb");
            return new IgbPort<MmioRegisters>(spec.Text, function.Registers, function, context.Pool, options, logger);
        }
        catch (Exception exception) when (exception is ArgumentException or VfioException)
        {
            throw new UsageException($"Port spec '{spec.Text}': {ErrorText.OneLine(exception)}", exception);
        }
    }
}
