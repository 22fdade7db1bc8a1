using System.Diagnostics;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>The guest's kernel log, searched for IOMMU (DMAR) faults.</summary>
public static class KernelLog
{
    public static IReadOnlyList<string> DmarFaults()
    {
        using Process dmesg = Process.Start(new ProcessStartInfo("dmesg") { RedirectStandardOutput = true, UseShellExecute = false })!;
        string text = dmesg.StandardOutput.ReadToEnd();
        dmesg.WaitForExit();
        return text.Split('\n').Where(line => line.Contains("DMAR", StringComparison.Ordinal) && line.Contains("fault", StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
