using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FastPath.Vfio.Pci;

namespace FastPath.Vfio.Tests.Guest;

/// <summary>
/// Reads the kernel log (dmesg) for IOMMU (DMAR) faults, and lists the fault records a test provoked on purpose in
/// $FASTPATH_VM_OUT/expected-dmar-faults.txt, which the guest suite subtracts from the faults it finds
/// (tests/vm/dmar-faults.sh): every other fault fails the suite.
/// </summary>
public static partial class KernelLog
{
    /// <summary>The file the suite's dmesg check reads the expected fault records from.</summary>
    public const string ExpectedFaultsFile = "expected-dmar-faults.txt";

    public static IReadOnlyList<string> DmarFaultLines() =>
        Read().Split('\n').Where(line => line.Contains("DMAR", StringComparison.Ordinal) && line.Contains("fault", StringComparison.OrdinalIgnoreCase)).ToList();

    public static int CountDmarFaults() => DmarFaultLines().Count;

    /// <summary>
    /// The fault records among <paramref name="lines"/> that name <paramref name="device"/> and an address in
    /// [<paramref name="iovaStart"/>, <paramref name="iovaEnd"/>): the kernel logs "Request device [bb:dd.f] fault addr 0x...".
    /// </summary>
    public static IReadOnlyList<string> FaultRecordsOf(IEnumerable<string> lines, PciAddress device, ulong iovaStart, ulong iovaEnd)
    {
        string name = $"{device.Bus:x2}:{device.Device:x2}.{device.Function:x}";
        var records = new List<string>();
        foreach (string line in lines)
        {
            Match match = FaultRecord().Match(line);
            if (match.Success && match.Groups[1].Value == name)
            {
                ulong address = ulong.Parse(match.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (address >= iovaStart && address < iovaEnd)
                {
                    records.Add(line);
                }
            }
        }

        return records;
    }

    /// <summary>Appends <paramref name="records"/>, exactly as dmesg printed them, to the expected-faults file of this guest run.</summary>
    public static void RecordExpectedFaults(IEnumerable<string> records)
    {
        string? directory = Environment.GetEnvironmentVariable("FASTPATH_VM_OUT");
        Assert.False(string.IsNullOrEmpty(directory), "FASTPATH_VM_OUT is not set: the suite could not tell this test's faults from unexpected ones.");
        File.AppendAllLines(Path.Combine(directory, ExpectedFaultsFile), records);
    }

    private static string Read()
    {
        using Process dmesg = Process.Start(new ProcessStartInfo("dmesg") { RedirectStandardOutput = true, UseShellExecute = false })!;
        string text = dmesg.StandardOutput.ReadToEnd();
        dmesg.WaitForExit();
        return text;
    }

    [GeneratedRegex(@"DMAR: .*Request device \[([0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\] fault addr 0x([0-9a-f]+)")]
    private static partial Regex FaultRecord();
}
