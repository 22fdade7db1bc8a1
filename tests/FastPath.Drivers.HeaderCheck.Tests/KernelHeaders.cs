using System.Diagnostics;
using System.Globalization;

namespace FastPath.Drivers.HeaderCheck.Tests;

/// <summary>
/// Finds the Intel driver headers that tests/install-deps.sh extracts from Debian's linux-source-6.1, writes the
/// small shim the kernel-only includes need (written here, not copied: typedefs and empty stand-ins), compiles a
/// C program printing every checked expression and returns what it printed.
/// </summary>
public static class KernelHeaders
{
    public const string InstallHint = "Run `sudo tests/install-deps.sh` from the repository root: it installs gcc and Debian's linux-source-6.1 " +
        "(`apt-get install linux-source-6.1`) and extracts ixgbe_type.h and e1000_{regs,defines,82575}.h into tests/.cache/kernel-headers.";

    private const string IntelDrivers = "linux-source-6.1/drivers/net/ethernet/intel";

    /// <summary>The stand-ins for the kernel-internal headers ixgbe_type.h and the e1000 headers include.</summary>
    private static readonly (string Path, string Text)[] Shim =
    [
        ("linux/types.h", """
            #include <stdint.h>
            #include <stdbool.h>
            typedef uint8_t u8; typedef uint16_t u16; typedef uint32_t u32; typedef uint64_t u64;
            typedef int8_t s8; typedef int16_t s16; typedef int32_t s32; typedef int64_t s64;
            typedef uint16_t __le16; typedef uint32_t __le32; typedef uint64_t __le64;
            typedef uint16_t __be16; typedef uint32_t __be32; typedef uint64_t __be64;
            #define BIT(n) (1UL << (n))
            #define GENMASK(h, l) (((~0UL) << (l)) & (~0UL >> (63 - (h))))
            #define __iomem
            """),
        ("linux/mdio.h", "struct mdio_if_info { int prtad; };\n"),
        ("linux/netdevice.h", "#define ETH_ALEN 6\nstruct net_device;\n"),
        ("ixgbe_mbx.h", "/* ixgbe_type.h includes the mailbox header near its end; nothing in it is checked. */\n"),
    ];

    /// <summary>The ixgbe program's headers and include directory.</summary>
    public static (string Directory, string[] Includes) Ixgbe => (Path.Combine(Root(), IntelDrivers, "ixgbe"), ["ixgbe_type.h"]);

    /// <summary>The igb program's headers and include directory.</summary>
    public static (string Directory, string[] Includes) Igb => (Path.Combine(Root(), IntelDrivers, "igb"), ["linux/types.h", "e1000_regs.h", "e1000_defines.h", "e1000_82575.h"]);

    /// <summary>Compiles and runs the program; returns each expression's value, in order.</summary>
    public static IReadOnlyList<ulong> Evaluate((string Directory, string[] Includes) headers, IReadOnlyList<string> expressions)
    {
        string gcc = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Select(d => Path.Combine(d, "gcc")).FirstOrDefault(File.Exists)
            ?? throw new Xunit.Sdk.XunitException($"gcc is not installed. {InstallHint}");
        foreach (string include in headers.Includes.Where(i => !i.Contains('/')))
        {
            string file = Path.Combine(headers.Directory, include);
            Assert.True(File.Exists(file), $"{file} is missing, so the driver constants cannot be checked against the kernel's headers. {InstallHint}");
        }

        string directory = Directory.CreateTempSubdirectory("fastpath-driver-headers-").FullName;
        try
        {
            foreach ((string path, string text) in Shim)
            {
                string file = Path.Combine(directory, "shim", path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, text);
            }

            var source = new System.Text.StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <linux/types.h>\nstruct e1000_hw;\n");
            foreach (string include in headers.Includes)
            {
                source.Append("#include \"").Append(include).AppendLine("\"");
            }

            source.AppendLine("int main(void)\n{");
            foreach (string expression in expressions)
            {
                source.AppendLine($"    printf(\"%llu\\n\", (unsigned long long)({expression}));");
            }

            source.AppendLine("    return 0;\n}");
            string program = Path.Combine(directory, "check.c"), binary = Path.Combine(directory, "check");
            File.WriteAllText(program, source.ToString());
            (int exit, string output) = Run(gcc, $"-std=gnu11 -Wall -Werror -I{Path.Combine(directory, "shim")} -I{headers.Directory} -o {binary} {program}");
            Assert.True(exit == 0, $"gcc could not compile the header check (a row names something the header lacks?):\n{output}");
            (exit, output) = Run(binary, string.Empty);
            Assert.Equal(0, exit);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => ulong.Parse(line, CultureInfo.InvariantCulture)).ToList();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>tests/.cache/kernel-headers of the repository the test runs from.</summary>
    private static string Root()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "FastPath.slnx")))
            {
                return Path.Combine(d.FullName, "tests", ".cache", "kernel-headers");
            }
        }

        throw new Xunit.Sdk.XunitException("The repository root (FastPath.slnx) is not above the test binaries.");
    }

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
