using FastPath.Ports;
using FastPath.Vfio.Pci;

namespace FastPath.Ports.Registry;

/// <summary>
/// One PCI NIC driver behind the shared <c>pci:</c> port kind (<see cref="PciPortKind"/>): the device ids it claims,
/// the spec options it takes, and how it opens a claimed device. Register it with
/// <see cref="PortRegistry.RegisterPciNic"/>; several drivers share <c>pci:</c>, each device going to the one that
/// claims its ids.
/// </summary>
public sealed record PciNicDriver
{
    /// <summary>The driver's name, e.g. <c>ixgbe</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What it drives, a few words for <c>--help</c>, e.g. "Intel 82599 10 GbE".</summary>
    public required string Description { get; init; }

    /// <summary>The vendor:device ids it claims.</summary>
    public required IReadOnlySet<PciDeviceId> DeviceIds { get; init; }

    /// <summary>The <c>name=value</c> options it accepts after the address.</summary>
    public IReadOnlySet<string> Options { get; init; } = new HashSet<string>();

    /// <summary>The bare-word flags it accepts after the address.</summary>
    public IReadOnlySet<string> Flags { get; init; } = new HashSet<string>();

    /// <summary>
    /// Opens the claimed device, given what sysfs says about it. Throws <see cref="UsageException"/> when the device
    /// cannot be used (not bound to vfio-pci, no IOMMU), with the cause and the fix.
    /// </summary>
    public required Func<PciDeviceIdentity, PortSpec, PortOpenContext, IPort> Open { get; init; }
}
