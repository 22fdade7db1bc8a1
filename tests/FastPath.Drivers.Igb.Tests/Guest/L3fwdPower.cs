using System.Diagnostics;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>
/// DPDK's power-aware forwarder, the <c>l3fwd-power</c> example, in its interrupt-only mode: tests/vm/suites/igb.sh
/// builds it on the host from Debian's dpdk-doc sources against libdpdk-dev into tests/vm/.cache (nothing of DPDK's
/// is committed). It routes IPv4 by longest prefix: 1.1.1.0/24 to port 0, 2.1.1.0/24 to port 1, and so on; DPDK
/// numbers ports in PCI address order. It stops on SIGINT only.
/// </summary>
public sealed class L3fwdPower : IDisposable
{
    private readonly ChildProcess _process;

    private L3fwdPower(ChildProcess process) => _process = process;

    /// <summary>The built binary in this checkout.</summary>
    public static string BinaryPath =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "tests", "vm", ".cache", "dpdk-examples", "l3fwd-power", "build", "l3fwd-power"));

    public int Id => _process.Id;

    public string Output => _process.Output;

    /// <summary>Starts it on lcore 0 with one RX queue per port, both served by that lcore, sleeping on RX interrupts when idle.</summary>
    public static L3fwdPower Start(params string[] nics)
    {
        if (!File.Exists(BinaryPath))
        {
            throw new FileNotFoundException($"{BinaryPath} is missing: tests/vm/suites/igb.sh builds it from /usr/share/dpdk/examples/l3fwd-power (apt-get install dpdk-doc libdpdk-dev).", BinaryPath);
        }

        var info = new ProcessStartInfo(BinaryPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] eal = ["-l", "0", "--in-memory", .. nics.SelectMany(nic => (string[])["-a", nic])];
        string config = string.Join(",", Enumerable.Range(0, nics.Length).Select(port => $"({port},0,0)"));
        foreach (string argument in (string[])[.. eal, "--", "-p", $"0x{(1 << nics.Length) - 1:x}", $"--config={config}", "--interrupt-only", "--parse-ptype"])
        {
            info.ArgumentList.Add(argument);
        }

        return new L3fwdPower(ChildProcess.Start("l3fwd-power", info));
    }

    /// <summary>Waits until its lcore entered the interrupt loop.</summary>
    public void WaitUntilForwarding(TimeSpan timeout) => _process.WaitForOutput("entering main interrupt loop", timeout);

    /// <summary>Sends SIGINT and waits for it to exit.</summary>
    public bool Interrupt(TimeSpan timeout) => _process.Interrupt(timeout);

    public void Dispose() => _process.Dispose();
}
