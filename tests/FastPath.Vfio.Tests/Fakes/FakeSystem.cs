using System.Globalization;
using FastPath.Vfio.Setup;

namespace FastPath.Vfio.Tests.Fakes;

/// <summary>A fake /sys, /dev and /proc in a temporary directory, laid out like the kernel's.</summary>
public sealed class FakeSystem : IDisposable
{
    public FakeSystem()
    {
        Root = Directory.CreateTempSubdirectory("fastpath-fakesys-").FullName;
        Directory.CreateDirectory(Path.Combine(Sys, "bus", "pci", "devices"));
        Directory.CreateDirectory(Path.Combine(Sys, "bus", "pci", "drivers"));
        Directory.CreateDirectory(Path.Combine(Sys, "kernel", "iommu_groups"));
        Directory.CreateDirectory(Path.Combine(Proc, "sys", "vm"));
        Directory.CreateDirectory(Path.Combine(Dev, "vfio"));
        File.WriteAllText(Path.Combine(Proc, "cmdline"), "BOOT_IMAGE=/vmlinuz root=/dev/sda1 quiet\n");
        File.WriteAllText(Path.Combine(Proc, "mounts"), "proc /proc proc rw 0 0\n");
        SetHugepages(0, 0);
    }

    public string Root { get; }

    public string Sys => Path.Combine(Root, "sys");

    public string Dev => Path.Combine(Root, "dev");

    public string Proc => Path.Combine(Root, "proc");

    public ulong MemlockLimit { get; set; } = ulong.MaxValue;

    public bool IsRoot { get; set; } = true;

    public HashSet<string> Inaccessible { get; } = [];

    /// <summary>
    /// How many hugepages the fake kernel finds room for: a larger nr_hugepages is cut to this, as the kernel cuts
    /// a reservation short when memory is fragmented. Null accepts any count.
    /// </summary>
    public long? HugepageCapacity { get; set; }

    public List<string> LoadedModules { get; } = [];

    public VfioEnvironment Environment => new()
    {
        SysfsRoot = Sys,
        DevRoot = Dev,
        ProcRoot = Proc,
        IsRoot = IsRoot,
        LockedMemoryLimit = () => MemlockLimit,
        CanReadWrite = path => !Inaccessible.Contains(path),
        WriteSetting = WriteSetting,
        LoadModule = name =>
        {
            LoadedModules.Add(name);
            LoadDriver(name);
            return 0;
        },
    };

    public string DevicePath(string bdf) => Path.Combine(Sys, "bus", "pci", "devices", bdf);

    public void AddDevice(string bdf, ushort vendor = 0x8086, ushort device = 0x10d3, uint classCode = 0x020000, string? driver = "e1000e", int? group = 1, string? netInterface = null)
    {
        string path = DevicePath(bdf);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "vendor"), $"0x{vendor:x4}\n");
        File.WriteAllText(Path.Combine(path, "device"), $"0x{device:x4}\n");
        File.WriteAllText(Path.Combine(path, "class"), $"0x{classCode:x6}\n");
        File.WriteAllText(Path.Combine(path, "driver_override"), "(null)\n");
        SetDriver(bdf, driver);
        if (group is { } g)
        {
            string groupDirectory = Path.Combine(Sys, "kernel", "iommu_groups", g.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(Path.Combine(groupDirectory, "devices"));
            File.CreateSymbolicLink(Path.Combine(groupDirectory, "devices", bdf), $"../../../../bus/pci/devices/{bdf}");
            File.CreateSymbolicLink(Path.Combine(path, "iommu_group"), $"../../../../kernel/iommu_groups/{g}");
        }

        if (netInterface is not null)
        {
            Directory.CreateDirectory(Path.Combine(path, "net", netInterface));
        }
    }

    public void LoadDriver(string driver) => Directory.CreateDirectory(Path.Combine(Sys, "bus", "pci", "drivers", driver));

    public void SetDriver(string bdf, string? driver)
    {
        string link = Path.Combine(DevicePath(bdf), "driver");
        if (File.Exists(link) || Directory.Exists(link) || new FileInfo(link).LinkTarget is not null)
        {
            File.Delete(link);
        }

        if (driver is not null)
        {
            LoadDriver(driver);
            File.CreateSymbolicLink(link, $"../../drivers/{driver}");
        }
    }

    public void AddVfioNode(string name) => File.WriteAllText(Path.Combine(Dev, "vfio", name), string.Empty);

    private void WriteSetting(string path, string value)
    {
        if (Path.GetFileName(path) == "nr_hugepages" && HugepageCapacity is { } capacity)
        {
            long wanted = long.Parse(value, CultureInfo.InvariantCulture);
            value = Math.Min(wanted, capacity).ToString(CultureInfo.InvariantCulture);
        }

        File.WriteAllText(path, value);
    }

    public void SetHugepages(long total, long free) => File.WriteAllText(Path.Combine(Proc, "meminfo"),
        $"MemTotal:        2048000 kB\nHugePages_Total:   {total}\nHugePages_Free:    {free}\nHugePages_Rsvd:        0\nHugepagesize:       2048 kB\n");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
