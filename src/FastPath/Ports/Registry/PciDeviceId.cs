using System.Globalization;

namespace FastPath.Ports.Registry;

/// <summary>A PCI vendor and device id pair, written as lspci does: <c>8086:10fb</c>.</summary>
/// <param name="VendorId">The vendor id, e.g. 0x8086 for Intel.</param>
/// <param name="DeviceId">The device id, e.g. 0x10fb for the 82599 SFP+.</param>
public readonly record struct PciDeviceId(ushort VendorId, ushort DeviceId)
{
    /// <summary>The ids of <paramref name="vendorId"/> with each of <paramref name="deviceIds"/>.</summary>
    public static IReadOnlySet<PciDeviceId> Of(ushort vendorId, IEnumerable<ushort> deviceIds)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        return deviceIds.Select(device => new PciDeviceId(vendorId, device)).ToHashSet();
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{VendorId:x4}:{DeviceId:x4}");
}
