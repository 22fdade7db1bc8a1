using System.Globalization;
using FastPath.Linux.Interop;
using FastPath.Mempool.Memory;
using FastPath.Vfio.Interop;
using FastPath.Vfio.Pci;

namespace FastPath.Vfio.Setup;

/// <summary>
/// Finds every reason VFIO would not work on this machine or for one device, and says how to fix each: IOMMU off,
/// VFIO not loaded, /dev/vfio not accessible, RLIMIT_MEMLOCK too low, no hugepages, device unknown or on a kernel
/// driver, IOMMU group not viable.
/// </summary>
public sealed class VfioEnvironmentCheck
{
    /// <summary>The locked memory the default check asks for: 64 MiB, a small pool and its rings.</summary>
    public const ulong DefaultRequiredLockedBytes = 64UL << 20;

    private readonly VfioEnvironment _environment;
    private readonly PciSysfs _sysfs;

    /// <summary>Checks <paramref name="environment"/> (the real machine when null).</summary>
    public VfioEnvironmentCheck(VfioEnvironment? environment = null)
    {
        _environment = environment ?? VfioEnvironment.Host;
        _sysfs = new PciSysfs(_environment.SysfsRoot);
    }

    /// <summary>Checks the machine: IOMMU, VFIO modules and device nodes, locked-memory limit and hugepages.</summary>
    public IReadOnlyList<CheckResult> CheckSystem(ulong requiredLockedBytes = DefaultRequiredLockedBytes) =>
        [CheckIommu(), CheckVfioModule(), CheckContainerDevice(), CheckLockedMemory(requiredLockedBytes), CheckHugepages()];

    /// <summary>Checks one device: it exists, is bound to vfio-pci, has a viable IOMMU group and an accessible group node.</summary>
    public IReadOnlyList<CheckResult> CheckDevice(PciAddress address)
    {
        string name = address.ToString();
        if (!_sysfs.Exists(address))
        {
            return [new CheckResult(name, CheckStatus.Fail, $"There is no PCI device {name} ({_sysfs.DevicePath(address)} does not exist).",
                "Use an address from `fastpath-devbind status` or `lspci -D`.")];
        }

        var results = new List<CheckResult>();
        PciDeviceIdentity device = _sysfs.GetDevice(address);
        results.Add(CheckDriver(device));
        if (device.IommuGroup is not { } group)
        {
            results.Add(new CheckResult($"{name} IOMMU group", CheckStatus.Fail, "The device has no IOMMU group: the IOMMU is off.", IommuFix));
            return results;
        }

        IReadOnlyList<PciDeviceIdentity> blockers = GroupViability.FindBlockers(_sysfs, group).Where(d => d.Address != address).ToList();
        results.Add(blockers.Count == 0
            ? new CheckResult($"{name} IOMMU group", CheckStatus.Pass, $"Group {group} ({string.Join(", ", _sysfs.GetGroupDevices(group))}) is viable.")
            : new CheckResult($"{name} IOMMU group", CheckStatus.Fail, GroupViability.Explain(_sysfs, group, address),
                string.Join("; ", blockers.Select(b => $"fastpath-devbind bind {b.Address}"))));

        string node = Path.Combine(_environment.VfioDirectory, group.ToString(CultureInfo.InvariantCulture));
        if (!File.Exists(node) && !Directory.Exists(node))
        {
            results.Add(new CheckResult($"{name} group device", device.IsBoundToVfio ? CheckStatus.Fail : CheckStatus.Warning,
                $"{node} does not exist.", $"It appears once a device of group {group} is bound to vfio-pci: `fastpath-devbind bind {name}`."));
        }
        else if (!_environment.CanReadWrite(node))
        {
            results.Add(new CheckResult($"{name} group device", CheckStatus.Fail, $"{node}: permission denied.",
                $"Run as root, or `chown $USER {node}` (a udev rule SUBSYSTEM==\"vfio\", OWNER=\"...\" makes it stick)."));
        }
        else
        {
            results.Add(new CheckResult($"{name} group device", CheckStatus.Pass, $"{node} is accessible."));
        }

        return results;
    }

    private const string IommuFix =
        "Enable VT-d (Intel) or AMD-Vi in the firmware setup and boot with intel_iommu=on iommu=pt (or amd_iommu=on) on the kernel command line; in a QEMU guest add -device intel-iommu,intremap=on with -machine q35.";

    private CheckResult CheckIommu()
    {
        if (_sysfs.IsIommuEnabled)
        {
            int groups = Directory.EnumerateFileSystemEntries(_sysfs.IommuGroupsDirectory).Count();
            return new CheckResult("IOMMU", CheckStatus.Pass, $"{groups} IOMMU groups in {_sysfs.IommuGroupsDirectory}.");
        }

        string cmdlinePath = Path.Combine(_environment.ProcRoot, "cmdline");
        string cmdline = File.Exists(cmdlinePath) ? File.ReadAllText(cmdlinePath).Trim() : "(unreadable)";
        return new CheckResult("IOMMU", CheckStatus.Fail, $"{_sysfs.IommuGroupsDirectory} is empty or missing: the IOMMU is off (kernel command line: {cmdline}).", IommuFix);
    }

    private CheckResult CheckVfioModule() => _sysfs.IsDriverLoaded(PciSysfs.VfioPciDriver)
        ? new CheckResult("vfio-pci driver", CheckStatus.Pass, "vfio-pci is registered with the PCI bus.")
        : new CheckResult("vfio-pci driver", CheckStatus.Warning, "vfio-pci is not loaded.", "`modprobe vfio-pci` (fastpath-devbind bind loads it).");

    private CheckResult CheckContainerDevice()
    {
        string path = _environment.ContainerPath;
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return new CheckResult("/dev/vfio", CheckStatus.Fail, $"{path} does not exist: the vfio module is not loaded.", "`modprobe vfio-pci` (needs the IOMMU on).");
        }

        return _environment.CanReadWrite(path)
            ? new CheckResult("/dev/vfio", CheckStatus.Pass, $"{path} is present and accessible.")
            : new CheckResult("/dev/vfio", CheckStatus.Fail, $"{path}: permission denied.", $"Run as root or give your user read/write access to {path}.");
    }

    private CheckResult CheckLockedMemory(ulong required)
    {
        ulong limit = _environment.LockedMemoryLimit();
        string shown = limit == LibC.ResourceLimitInfinity ? "unlimited" : $"{limit >> 10} KiB";
        if (limit == LibC.ResourceLimitInfinity || limit >= required)
        {
            return new CheckResult("RLIMIT_MEMLOCK", CheckStatus.Pass, $"The locked-memory limit is {shown}.");
        }

        if (_environment.IsRoot)
        {
            return new CheckResult("RLIMIT_MEMLOCK", CheckStatus.Pass, $"The locked-memory limit is {shown}, but root has CAP_IPC_LOCK, which VFIO honours.");
        }

        return new CheckResult("RLIMIT_MEMLOCK", CheckStatus.Fail,
            $"The locked-memory limit is {shown}, below the {required >> 20} MiB VFIO must pin for DMA (MAP_DMA would fail with ENOMEM).",
            "`ulimit -l unlimited` in the shell that starts the app, or `<user> - memlock unlimited` in /etc/security/limits.conf, or LimitMEMLOCK=infinity in its systemd unit.");
    }

    private CheckResult CheckHugepages()
    {
        string meminfo = Path.Combine(_environment.ProcRoot, "meminfo");
        if (!File.Exists(meminfo))
        {
            return new CheckResult("hugepages", CheckStatus.Fail, $"{meminfo} is missing.", "Mount procfs.");
        }

        HugepageStatus status = HugepageStatus.Parse(File.ReadAllText(meminfo));
        if (status.Total == 0)
        {
            return new CheckResult("hugepages", CheckStatus.Fail, "No hugepages are reserved (HugePages_Total: 0); DMA memory would fall back to 4 KiB pages.",
                "`fastpath-devbind hugepages --count 512` (1 GiB of 2 MiB pages), or hugepages=512 on the kernel command line.");
        }

        if (status.Free == 0)
        {
            return new CheckResult("hugepages", CheckStatus.Fail, $"All {status.Total} hugepages are in use (HugePages_Free: 0).",
                $"Reserve more: `fastpath-devbind hugepages --count {status.Total * 2}`, or stop the process holding them.");
        }

        return new CheckResult("hugepages", CheckStatus.Pass, $"{status.Free} of {status.Total} hugepages of {status.PageSize >> 10} KiB are free.");
    }

    private CheckResult CheckDriver(PciDeviceIdentity device)
    {
        string name = $"{device.Address} driver";
        if (device.IsBoundToVfio)
        {
            return new CheckResult(name, CheckStatus.Pass, $"{device.Address} ({device.Ids}) is bound to vfio-pci.");
        }

        if (device.Driver is null)
        {
            return new CheckResult(name, CheckStatus.Fail, $"{device.Address} ({device.Ids}) is bound to no driver.", $"`fastpath-devbind bind {device.Address}`.");
        }

        IReadOnlyList<string> interfaces = _sysfs.GetNetworkInterfaces(device.Address);
        string owner = interfaces.Count == 0 ? string.Empty : $" (interface {string.Join(", ", interfaces)}, which disappears when unbound)";
        return new CheckResult(name, CheckStatus.Fail, $"{device.Address} ({device.Ids}) is bound to the kernel driver {device.Driver}{owner}.",
            $"`fastpath-devbind bind {device.Address}`.");
    }
}
