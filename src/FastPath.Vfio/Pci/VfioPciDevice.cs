using FastPath.Linux.Mmio;
using FastPath.Vfio.Containers;
using FastPath.Vfio.Devices;
using FastPath.Vfio.Groups;
using FastPath.Vfio.Mmio;
using FastPath.Vfio.Setup;

namespace FastPath.Vfio.Pci;

/// <summary>
/// A PCI device opened end to end through VFIO from its address: IOMMU group, container, device fd. Exposes BARs,
/// config space, interrupts and reset. Disposing disables bus mastering first, so the device stops DMA before
/// anything it might touch is unmapped; then it unmaps the BARs and closes the device and (when unused) the group.
/// Dispose the device before the DMA memory it uses.
/// </summary>
public sealed class VfioPciDevice : IDisposable
{
    private static readonly Lock s_groupsLock = new();
    private static readonly Dictionary<string, (VfioGroup Group, int Users)> s_groups = [];

    private readonly MmioRegion?[] _bars = new MmioRegion?[6];
    private readonly Lock _barsLock = new();
    private int _disposed;

    private VfioPciDevice(PciDeviceIdentity identity, VfioGroup group, VfioContainer container, VfioDevice device)
    {
        Identity = identity;
        Group = group;
        Container = container;
        Device = device;
        Info = device.GetInfo();
        Config = new PciConfigSpace(device);
    }

    /// <summary>The device's address.</summary>
    public PciAddress Address => Identity.Address;

    /// <summary>Ids, class and IOMMU group from sysfs at open time.</summary>
    public PciDeviceIdentity Identity { get; }

    /// <summary>The IOMMU group the device belongs to (shared with other devices of the group opened in this process).</summary>
    public VfioGroup Group { get; }

    /// <summary>The container the group joined.</summary>
    public VfioContainer Container { get; }

    /// <summary>The VFIO device: regions, interrupts, reset.</summary>
    public VfioDevice Device { get; }

    /// <summary>What <c>VFIO_DEVICE_GET_INFO</c> reported.</summary>
    public VfioDeviceInfo Info { get; }

    /// <summary>The PCI configuration space.</summary>
    public PciConfigSpace Config { get; }

    /// <summary>
    /// Opens the device at <paramref name="address"/>, which must be bound to vfio-pci.
    /// </summary>
    /// <param name="address">The device's PCI address.</param>
    /// <param name="container">The container to join; null for <see cref="VfioContainer.Shared"/>.</param>
    /// <param name="sysfs">Where to read sysfs; null for <c>/sys</c>.</param>
    /// <param name="vfioDirectory">Where the group devices live.</param>
    /// <exception cref="VfioException">Unknown device, wrong driver, IOMMU off, group not viable, permission denied: the message names the fix.</exception>
    public static VfioPciDevice Open(PciAddress address, VfioContainer? container = null, PciSysfs? sysfs = null, string vfioDirectory = "/dev/vfio")
    {
        sysfs ??= new PciSysfs();
        PciDeviceIdentity identity = sysfs.GetDevice(address);
        if (!identity.IsBoundToVfio)
        {
            string now = identity.Driver is null ? "is bound to no driver" : $"is bound to the kernel driver {identity.Driver}";
            throw new VfioException($"{address} ({identity.Ids}) {now}, not to vfio-pci. Bind it with `fastpath-devbind bind {address}` (as root).");
        }

        if (identity.IommuGroup is not { } groupNumber)
        {
            throw new VfioException($"{address} has no IOMMU group: the IOMMU is off. Enable VT-d/AMD-Vi in the firmware and boot with intel_iommu=on (or amd_iommu=on); in QEMU add -device intel-iommu.");
        }

        container ??= VfioContainer.Shared;
        VfioGroup group = AcquireGroup(groupNumber, vfioDirectory, container, sysfs, address);
        try
        {
            VfioDevice device = group.OpenDevice(address.ToString());
            try
            {
                return new VfioPciDevice(identity, group, container, device);
            }
            catch
            {
                device.Dispose();
                throw;
            }
        }
        catch
        {
            ReleaseGroup(group);
            throw;
        }
    }

    /// <summary>
    /// The registers of memory BAR <paramref name="bar"/> (0-5), mapped on first use and kept until the device is disposed.
    /// </summary>
    public MmioRegisters GetBar(int bar)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bar);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bar, 5);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        lock (_barsLock)
        {
            return (_bars[bar] ??= Device.MapRegion((VfioPciRegion)bar)).Registers;
        }
    }

    /// <summary>Sets memory space decoding and bus mastering in the command register.</summary>
    /// <returns>The command register after the change.</returns>
    public PciCommand EnableBusMastering() => Config.EnableMemoryAndBusMastering();

    /// <summary>Clears bus mastering: the device can no longer DMA.</summary>
    public void DisableBusMastering() => Config.DisableBusMastering();

    /// <summary>Resets the function (<c>VFIO_DEVICE_RESET</c>); bus mastering and every device register return to their defaults.</summary>
    public void Reset() => Device.Reset();

    /// <summary>Disables bus mastering, then unmaps the BARs and closes the device fd and, when unused, the group.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            Config.DisableBusMastering();
        }
        finally
        {
            lock (_barsLock)
            {
                foreach (MmioRegion? bar in _bars)
                {
                    bar?.Dispose();
                }
            }

            Device.Dispose();
            ReleaseGroup(Group);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Address} ({Identity.Ids}, IOMMU group {Group.Number})";

    private static VfioGroup AcquireGroup(int number, string vfioDirectory, VfioContainer container, PciSysfs sysfs, PciAddress address)
    {
        string key = Path.Combine(vfioDirectory, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        lock (s_groupsLock)
        {
            if (s_groups.TryGetValue(key, out (VfioGroup Group, int Users) shared))
            {
                if (shared.Group.Container != container)
                {
                    throw new VfioException($"IOMMU group {number} of {address} is already open in this process in another container: devices of one group share one container; pass the same VfioContainer.");
                }

                s_groups[key] = (shared.Group, shared.Users + 1);
                return shared.Group;
            }

            VfioGroup group = VfioGroup.Open(number, vfioDirectory);
            try
            {
                VfioGroupStatusFlags status = group.GetStatus();
                if ((status & VfioGroupStatusFlags.Viable) == 0)
                {
                    throw new VfioException(GroupViability.Explain(sysfs, number, address));
                }

                group.SetContainer(container);
                container.EnsureIommu();
            }
            catch
            {
                group.Dispose();
                throw;
            }

            s_groups.Add(key, (group, 1));
            return group;
        }
    }

    private static void ReleaseGroup(VfioGroup group)
    {
        lock (s_groupsLock)
        {
            string key = group.Path;
            (VfioGroup Group, int Users) shared = s_groups[key];
            if (shared.Users > 1)
            {
                s_groups[key] = (shared.Group, shared.Users - 1);
                return;
            }

            s_groups.Remove(key);
            try
            {
                group.UnsetContainer();
            }
            finally
            {
                group.Dispose();
            }
        }
    }
}
