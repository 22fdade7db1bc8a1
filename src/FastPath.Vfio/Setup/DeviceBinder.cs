using FastPath.Vfio.Pci;

namespace FastPath.Vfio.Setup;

/// <summary>
/// Moves PCI devices to and from vfio-pci through sysfs: <c>driver/unbind</c>, <c>driver_override</c> and
/// <c>drivers_probe</c>. Needs root.
/// </summary>
public sealed class DeviceBinder
{
    private readonly VfioEnvironment _environment;
    private readonly PciSysfs _sysfs;
    private readonly TimeSpan _probeTimeout;

    /// <summary>Binds on <paramref name="environment"/> (the real machine when null), waiting up to <paramref name="probeTimeout"/> (default 5 s) for the kernel.</summary>
    public DeviceBinder(VfioEnvironment? environment = null, TimeSpan? probeTimeout = null)
    {
        _environment = environment ?? VfioEnvironment.Host;
        _sysfs = new PciSysfs(_environment.SysfsRoot);
        _probeTimeout = probeTimeout ?? TimeSpan.FromSeconds(5);
    }

    /// <summary>Binds <paramref name="address"/> to vfio-pci, unbinding its kernel driver first and loading vfio-pci if needed.</summary>
    /// <returns>The driver the device had before: null when none, "vfio-pci" when it was already bound.</returns>
    /// <exception cref="VfioException">Unknown device, IOMMU off, module not loadable, sysfs not writable, or vfio-pci refused the device.</exception>
    public string? Bind(PciAddress address)
    {
        PciDeviceIdentity device = RequireDevice(address);
        if (device.IsBoundToVfio)
        {
            return device.Driver;
        }

        if (device.IommuGroup is null)
        {
            throw new VfioException($"{address} has no IOMMU group, so vfio-pci cannot take it: the IOMMU is off. Enable VT-d/AMD-Vi in the firmware and boot with intel_iommu=on (or amd_iommu=on).");
        }

        EnsureVfioPciLoaded();
        string devicePath = _sysfs.DevicePath(address);
        if (device.Driver is not null)
        {
            WriteSysfs(Path.Combine(devicePath, "driver", "unbind"), address.ToString());
        }

        WriteSysfs(Path.Combine(devicePath, "driver_override"), PciSysfs.VfioPciDriver);
        WriteSysfs(_sysfs.DriversProbePath, address.ToString());
        string? now = WaitForDriver(address, driver => driver == PciSysfs.VfioPciDriver);
        if (now != PciSysfs.VfioPciDriver)
        {
            throw new VfioException($"vfio-pci did not take {address} (driver now: {now ?? "none"}). Check `dmesg` for the reason; usually the IOMMU group is not viable: `fastpath-devbind check {address}`.");
        }

        return device.Driver;
    }

    /// <summary>Unbinds <paramref name="address"/> from vfio-pci, clears the override and lets its kernel driver probe it again.</summary>
    /// <returns>The driver that took the device afterwards, or null when none did.</returns>
    public string? Unbind(PciAddress address)
    {
        PciDeviceIdentity device = RequireDevice(address);
        string devicePath = _sysfs.DevicePath(address);
        if (device.Driver is not null)
        {
            WriteSysfs(Path.Combine(devicePath, "driver", "unbind"), address.ToString());
            if (WaitForDriver(address, driver => driver is null) is { } stuck)
            {
                throw new VfioException($"{address} is still bound to {stuck} after writing its unbind file. Check `dmesg`; a process may hold the device open (close apps using it).");
            }
        }

        WriteSysfs(Path.Combine(devicePath, "driver_override"), "\n");
        WriteSysfs(_sysfs.DriversProbePath, address.ToString());
        return WaitForDriver(address, driver => driver is not null);
    }

    private PciDeviceIdentity RequireDevice(PciAddress address) => _sysfs.Exists(address)
        ? _sysfs.GetDevice(address)
        : throw new VfioException($"There is no PCI device {address} ({_sysfs.DevicePath(address)} does not exist). Use an address from `fastpath-devbind status` or `lspci -D`.");

    private void EnsureVfioPciLoaded()
    {
        if (_sysfs.IsDriverLoaded(PciSysfs.VfioPciDriver))
        {
            return;
        }

        int exit = _environment.LoadModule("vfio-pci");
        if (!_sysfs.IsDriverLoaded(PciSysfs.VfioPciDriver))
        {
            throw new VfioException($"vfio-pci is not loaded and `modprobe vfio-pci` failed (exit {exit}). Install the kernel modules package of the running kernel and make sure the IOMMU is on (`fastpath-devbind check`).");
        }
    }

    private string? WaitForDriver(PciAddress address, Func<string?, bool> done)
    {
        DateTime deadline = DateTime.UtcNow + _probeTimeout;
        string? driver = _sysfs.GetDriver(address);
        while (!done(driver) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
            driver = _sysfs.GetDriver(address);
        }

        return driver;
    }

    private static void WriteSysfs(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new VfioException($"Cannot write {path}: {e.Message} Binding drivers needs root: run with sudo.");
        }
        catch (IOException e)
        {
            throw new VfioException($"Writing '{value.Trim()}' to {path} failed: {e.Message} Check `dmesg` for the kernel's reason.");
        }
    }
}
