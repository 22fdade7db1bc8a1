using Xunit.Abstractions;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>Writes each guest measurement to the test output and to $FASTPATH_VM_OUT/igb-results.txt (the suite prints it).</summary>
public sealed class GuestResults(ITestOutputHelper output)
{
    public void Report(string line)
    {
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(GuestEnvironment.OutputDirectory, "igb-results.txt"), line + Environment.NewLine);
    }
}
