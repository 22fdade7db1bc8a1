using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>
/// DPDK's dpdk-testpmd on one NIC as the traffic peer (tests/vm/README.md gives the invocation): started
/// non-interactively with periodic statistics, stopped with SIGINT, after which it prints its forward totals.
/// </summary>
public sealed class Testpmd : IDisposable
{
    private readonly ChildProcess _process;

    private Testpmd(ChildProcess process) => _process = process;

    public string Output => _process.Output;

    /// <summary>Starts testpmd on <paramref name="nic"/> in forwarding mode <paramref name="mode"/> (rxonly, txonly) with extra app arguments.</summary>
    public static Testpmd Start(string nic, string mode, params string[] extraArguments)
    {
        var info = new ProcessStartInfo("dpdk-testpmd") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string argument in (string[])["--lcores", "0@0,1@0", "--in-memory", "-a", nic, "--", $"--forward-mode={mode}", "--stats-period", "1", "--total-num-mbufs=8192", .. extraArguments])
        {
            info.ArgumentList.Add(argument);
        }

        return new Testpmd(ChildProcess.Start("dpdk-testpmd", info));
    }

    /// <summary>Waits until forwarding runs (the first periodic statistics are printed).</summary>
    public void WaitUntilForwarding(TimeSpan timeout) => _process.WaitForOutput("Port statistics", timeout);

    /// <summary>Sends SIGINT and waits for testpmd to print its totals and exit; a testpmd that does not exit is killed.</summary>
    public void Stop(TimeSpan timeout)
    {
        if (!_process.Interrupt(timeout))
        {
            _process.Kill();
            throw new TimeoutException($"dpdk-testpmd did not exit within {timeout.TotalSeconds} s after SIGINT:\n{Output}");
        }
    }

    /// <summary>The accumulated forward totals printed at exit: RX-packets, TX-packets.</summary>
    public (ulong RxPackets, ulong TxPackets) ForwardTotals()
    {
        string output = Output;
        int at = output.LastIndexOf("Accumulated forward statistics", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"dpdk-testpmd printed no accumulated forward statistics:\n{output}");
        }

        string tail = output[at..];
        return (ParseCounter(tail, "RX-packets"), ParseCounter(tail, "TX-packets"));
    }

    /// <summary>The last periodic port statistics: RX-packets, RX-bytes, TX-packets, TX-bytes (the NIC's counters as DPDK reports them).</summary>
    public (ulong RxPackets, ulong RxBytes, ulong TxPackets, ulong TxBytes) LastPortStatistics()
    {
        string output = Output;
        int at = output.LastIndexOf("NIC statistics for port", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"dpdk-testpmd printed no port statistics:\n{output}");
        }

        string tail = output[at..];
        return (ParseCounter(tail, "RX-packets"), ParseCounter(tail, "RX-bytes"), ParseCounter(tail, "TX-packets"), ParseCounter(tail, "TX-bytes"));
    }

    public void Dispose() => _process.Dispose();

    private static ulong ParseCounter(string text, string name)
    {
        Match match = Regex.Match(text, Regex.Escape(name) + @":\s*(\d+)");
        return match.Success ? ulong.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"No '{name}' in:\n{text}");
    }
}
