using System.Diagnostics;

namespace FastPath.Vfio.Tests.Guest;

/// <summary>Reads the kernel log (dmesg) for IOMMU (DMAR) faults.</summary>
public static class KernelLog
{
    public static IReadOnlyList<string> DmarFaultLines() =>
        Read().Split('\n').Where(line => line.Contains("DMAR", StringComparison.Ordinal) && line.Contains("fault", StringComparison.OrdinalIgnoreCase)).ToList();

    public static int CountDmarFaults() => DmarFaultLines().Count;

    private static string Read()
    {
        using Process dmesg = Process.Start(new ProcessStartInfo("dmesg") { RedirectStandardOutput = true, UseShellExecute = false })!;
        string text = dmesg.StandardOutput.ReadToEnd();
        dmesg.WaitForExit();
        return text;
    }
}
