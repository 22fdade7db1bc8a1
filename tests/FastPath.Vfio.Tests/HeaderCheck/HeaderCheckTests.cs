using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Tests.HeaderCheck;

/// <summary>
/// Compiles a C program against the system's kernel and libc headers that prints every ioctl number, flag, enum
/// value, struct size and field offset the C# side defines, and compares each with the C# definition.
/// </summary>
public sealed class HeaderCheckTests
{
    private const string InstallHint = "Install the C compiler and the kernel headers: `apt-get install gcc linux-libc-dev` (CI installs them).";

    [Fact]
    public void Every_native_definition_matches_the_system_headers()
    {
        IReadOnlyList<NativeDefinition> definitions = NativeDefinitions.Collect();
        string gcc = FindGcc() ?? throw new Xunit.Sdk.XunitException($"gcc is not installed, so the C# VFIO definitions cannot be checked against linux/vfio.h. {InstallHint}");
        Assert.True(File.Exists("/usr/include/linux/vfio.h"), $"/usr/include/linux/vfio.h is missing. {InstallHint}");

        string directory = Directory.CreateTempSubdirectory("fastpath-headercheck-").FullName;
        try
        {
            string source = Path.Combine(directory, "check.c");
            string binary = Path.Combine(directory, "check");
            File.WriteAllText(source, NativeDefinitions.CProgram(definitions));
            (int compileExit, string compileOutput) = Run(gcc, $"-std=gnu11 -Wall -Werror -o {binary} {source}");
            Assert.True(compileExit == 0, $"gcc could not compile the header check (a [NativeName] names something the headers lack?):\n{compileOutput}");
            (int runExit, string output) = Run(binary, string.Empty);
            Assert.Equal(0, runExit);

            var actual = new Dictionary<string, ulong>();
            foreach (string[] parts in output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')))
            {
                actual[parts[0]] = ulong.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            }

            var mismatches = definitions
                .Where(d => actual[d.Key] != d.Expected)
                .Select(d => $"{d.Source}: C# says 0x{d.Expected:x}, {d.Key} is 0x{actual[d.Key]:x}")
                .ToList();
            Assert.True(mismatches.Count == 0, "C# definitions differ from the headers:\n" + string.Join("\n", mismatches));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_check_covers_the_ioctls_flags_and_structs_the_library_uses()
    {
        IReadOnlyList<NativeDefinition> definitions = NativeDefinitions.Collect();
        string[] mustCover =
        [
            "VFIO_GET_API_VERSION", "VFIO_CHECK_EXTENSION", "VFIO_SET_IOMMU", "VFIO_IOMMU_GET_INFO", "VFIO_IOMMU_MAP_DMA", "VFIO_IOMMU_UNMAP_DMA",
            "VFIO_GROUP_GET_STATUS", "VFIO_GROUP_SET_CONTAINER", "VFIO_GROUP_UNSET_CONTAINER", "VFIO_GROUP_GET_DEVICE_FD",
            "VFIO_DEVICE_GET_INFO", "VFIO_DEVICE_GET_REGION_INFO", "VFIO_DEVICE_GET_IRQ_INFO", "VFIO_DEVICE_SET_IRQS", "VFIO_DEVICE_RESET",
            "VFIO_TYPE1_IOMMU", "VFIO_TYPE1v2_IOMMU", "VFIO_GROUP_FLAGS_VIABLE", "VFIO_DEVICE_FLAGS_PCI", "VFIO_REGION_INFO_CAP_SPARSE_MMAP",
            "VFIO_REGION_INFO_CAP_MSIX_MAPPABLE", "VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE", "VFIO_IRQ_SET_DATA_EVENTFD", "VFIO_IRQ_SET_ACTION_UNMASK",
            "VFIO_PCI_CONFIG_REGION_INDEX", "VFIO_PCI_MSIX_IRQ_INDEX", "PCI_COMMAND_MASTER",
            "sizeof(struct vfio_iommu_type1_info)", "sizeof(struct vfio_irq_set)", "sizeof(struct epoll_event)",
            "offsetof(struct vfio_region_info, offset)", "offsetof(struct epoll_event, data)",
        ];
        var keys = definitions.Select(d => d.Key).ToHashSet();
        Assert.All(mustCover, key => Assert.Contains(key, keys));
    }

    [Fact]
    public void Nothing_the_interop_layer_defines_escapes_the_check()
    {
        var unchecked_ = new List<string>();
        foreach (Type type in NativeDefinitions.Libraries.SelectMany(library => library.GetTypes()))
        {
            bool interop = type.Namespace?.EndsWith(".Interop", StringComparison.Ordinal) == true;
            if (interop)
            {
                unchecked_.AddRange(type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                    .Where(f => f.IsLiteral && f.GetCustomAttribute<NativeNameAttribute>() is null)
                    .Select(f => $"{type.Name}.{f.Name}"));
                if (type.IsValueType && !type.IsEnum && type.GetCustomAttribute<StructLayoutAttribute>() is not null && type.GetCustomAttribute<NativeNameAttribute>() is null)
                {
                    unchecked_.Add(type.Name);
                }
            }

            if (type.IsEnum)
            {
                FieldInfo[] members = type.GetFields(BindingFlags.Public | BindingFlags.Static);
                if (members.Any(m => m.GetCustomAttribute<NativeNameAttribute>() is not null))
                {
                    ulong named = members.Where(m => m.GetCustomAttribute<NativeNameAttribute>() is not null).Aggregate(0UL, (bits, m) => bits | Convert.ToUInt64(m.GetRawConstantValue()));
                    bool flags = type.GetCustomAttribute<FlagsAttribute>() is not null;
                    unchecked_.AddRange(members
                        .Where(m => m.GetCustomAttribute<NativeNameAttribute>() is null)
                        .Where(m =>
                        {
                            ulong value = Convert.ToUInt64(m.GetRawConstantValue());
                            return value != 0 && !(flags && (value & ~named) == 0);
                        })
                        .Select(m => $"{type.Name}.{m.Name}"));
                }
            }
        }

        Assert.True(unchecked_.Count == 0, "These definitions mirror C but carry no [NativeName], so the header check cannot verify them: " + string.Join(", ", unchecked_));
    }

    private static string? FindGcc() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Select(d => Path.Combine(d, "gcc")).FirstOrDefault(File.Exists);

    private static (int Exit, string Output) Run(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
