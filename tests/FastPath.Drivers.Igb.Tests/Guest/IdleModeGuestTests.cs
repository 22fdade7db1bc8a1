using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FastPath.Drivers.Intel.Rx;
using FastPath.Linux.Mmio;
using FastPath.Net;
using FastPath.Traffic.Flows;
using FastPath.Traffic.Generator;
using FastPath.Traffic.Rate;
using FastPath.Traffic.Receiver;
using FastPath.Vfio.Pci;
using FastPath.Testing;
using Xunit.Abstractions;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>
/// The interrupt-driven idle mode of l2fwd on igb, side by side with DPDK's power-aware forwarder in one guest boot.
/// Four NICs on two cables (A-B, C-D): the forwarder under test holds B and C; testpmd or this test sends on A; this
/// test receives on D, whose queue sleeps on its own interrupt so that it leaves the guest's one vCPU to the forwarder.
/// Both forwarders are measured the same way: the CPU ticks of the whole process over 5 s without traffic, then
/// probes sent from A half a second apart (so each finds the forwarder asleep) and the A-to-D latency of each, taken
/// from the probe's send timestamp to its receipt on D (D's own interrupt wake-up is in both figures alike).
/// </summary>
[Collection(GuestCollection.Name)]
[Trait("Category", "Guest4")]
public sealed class IdleModeGuestTests(ITestOutputHelper output)
{
    private const int TestpmdFrames = 256;
    private const int WakeProbes = 6;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CpuWindow = TimeSpan.FromSeconds(5);
    private readonly GuestResults _results = new(output);
    private TrafficReceiver _receiver = null!;
    private InterruptibleRxQueue<MmioRegisters> _sinkQueue = null!;

    [GuestFact(Nics = 4)]
    public void IdleL2fwdSleepsWithoutTrafficForwardsEveryFrameAndIsComparedWithL3fwdPower()
    {
        IReadOnlyList<PciAddress> nics = GuestEnvironment.Nics;
        PciAddress a = nics[0], b = nics[1], c = nics[2], d = nics[3];
        using IgbPorts sink = IgbPorts.Open(8192, (d, new IgbPortOptions { Promiscuous = true, IdleInterruptThreshold = TimeSpan.FromMilliseconds(20), Rx = new() { RingSize = 1024 } }));
        sink.StartAll();
        InterruptibleRxQueue<MmioRegisters> sinkQueue = sink[0].GetInterruptibleRxQueue(0);
        _sinkQueue = sinkQueue;
        Volatile.Write(ref _receiver, new TrafficReceiver(sinkQueue));
        using var polling = new PollingThread(() =>
        {
            int n = Volatile.Read(ref _receiver).Poll();
            if (n == 0)
            {
                sinkQueue.WaitWhenIdle(TimeSpan.FromMilliseconds(100));
            }

            return n;
        });

        // FastPath l2fwd in interrupt idle mode: idle CPU, then every frame of a testpmd burst, then the wake probes.
        (double Lcore, double Process) idleCpu;
        ulong forwardedBurst;
        LatencyHistogram fastPathWake;
        string l2fwdOutput;
        int l2fwdExit;
        using (ChildProcess l2fwd = StartL2fwd(b, c, "--idle", "interrupt"))
        {
            idleCpu = L2fwdCpuShare(l2fwd);
            forwardedBurst = SendTestpmdBurst(a);
            using IgbPorts sender = IgbPorts.OpenBeside(sink, 1024, (a, new IgbPortOptions()));
            sender.StartAll();
            fastPathWake = SendWakeProbes(sender, MacAddress.Parse(GuestEnvironment.Macs[1]), destinationIp: 0xC613_0001);
            Assert.True(l2fwd.Interrupt(StartTimeout), $"l2fwd did not stop:\n{l2fwd.Output}");
            l2fwdOutput = l2fwd.Output;
            l2fwdExit = l2fwd.ExitCode;
        }

        File.WriteAllText(Path.Combine(GuestEnvironment.OutputDirectory, "l2fwd-idle.out"), l2fwdOutput);

        // The same l2fwd polling: the same window must read far above the idle limit, or the idle figure proves nothing.
        (double Lcore, double Process) pollCpu;
        using (ChildProcess l2fwd = StartL2fwd(b, c))
        {
            // The JIT's tier-up of the hot poll loop runs on a background thread of the guest's one vCPU for the first
            // seconds; measured after it, the polling lcore has the vCPU to itself but for the main thread's tables.
            Thread.Sleep(5000);
            pollCpu = L2fwdCpuShare(l2fwd);
            Assert.True(l2fwd.Interrupt(StartTimeout), $"l2fwd (poll) did not stop:\n{l2fwd.Output}");
        }

        // DPDK's l3fwd-power --interrupt-only on the same NICs: routes 1.1.1.0/24 to port 0, 2.1.1.0/24 to port 1, and
        // DPDK numbers the ports in PCI address order, so the probes carry the prefix of C's port.
        int portOfC = string.CompareOrdinal(c.ToString(), b.ToString()) < 0 ? 0 : 1;
        (double Lcore, double Process) l3fwdCpu;
        LatencyHistogram l3fwdWake;
        using (L3fwdPower l3fwd = L3fwdPower.Start(b.ToString(), c.ToString()))
        {
            l3fwd.WaitUntilForwarding(StartTimeout);
            Thread.Sleep(3000);
            // Its lcore 0 is the main thread (CALL_MAIN), whose thread id is the process id.
            l3fwdCpu = CpuShare(l3fwd.Id, l3fwd.Id);
            using IgbPorts sender = IgbPorts.OpenBeside(sink, 1024, (a, new IgbPortOptions()));
            sender.StartAll();
            l3fwdWake = SendWakeProbes(sender, MacAddress.Parse(GuestEnvironment.Macs[1]), destinationIp: (uint)(portOfC + 1) << 24 | 0x01_01_01);
            Assert.True(l3fwd.Interrupt(StartTimeout), $"l3fwd-power did not stop:\n{l3fwd.Output}");
            File.WriteAllText(Path.Combine(GuestEnvironment.OutputDirectory, "l3fwd-power.out"), l3fwd.Output);
        }

        polling.Stop();
        (ulong rx0, ulong tx1) = (AppSummary.Row(l2fwdOutput, @"^0 pci:\S+").Rx, AppSummary.Row(l2fwdOutput, @"^1 pci:\S+").Tx);
        // The summary's idle line (IdleStatsLine): "idle lcore 0: N sleeps, N wake-ups, asleep X%, wake latency mean X us, max X us (N samples)".
        Match idleLine = Regex.Matches(l2fwdOutput, @"^idle lcore \d+: (\d+) sleeps, (\d+) wake-ups, asleep ([\d.]+)%, wake latency mean ([\d.]+) us, max ([\d.]+) us", RegexOptions.Multiline).LastOrDefault()
            ?? throw new InvalidOperationException($"l2fwd --idle interrupt printed no idle line:\n{l2fwdOutput}");
        ulong wakeups = ulong.Parse(idleLine.Groups[2].Value, CultureInfo.InvariantCulture);
        string idleLines = idleLine.Value;
        _results.Report($"idle mode: l2fwd --idle interrupt's lcore used {idleCpu.Lcore:P1} of a core over {CpuWindow.TotalSeconds:0} s without traffic (whole process {idleCpu.Process:P1}); polling, {pollCpu.Lcore:P1} (process {pollCpu.Process:P1}); "
            + $"testpmd burst of {TestpmdFrames}: D received {forwardedBurst}; l2fwd port 0 RX {rx0}, port 1 TX {tx1} (exit {l2fwdExit}); l2fwd says: {idleLines}");
        _results.Report($"idle mode vs l3fwd-power --interrupt-only (same NICs, same probes A->forwarder->D, {WakeProbes} probes 0.5 s apart): "
            + $"idle CPU of the forwarding lcore FastPath {idleCpu.Lcore:P1}, l3fwd-power {l3fwdCpu.Lcore:P1} (whole processes {idleCpu.Process:P1} and {l3fwdCpu.Process:P1}); first-frame latency FastPath median {Micros(fastPathWake.Percentile(50))} max {Micros(fastPathWake.Max)}, "
            + $"l3fwd-power median {Micros(l3fwdWake.Percentile(50))} max {Micros(l3fwdWake.Max)}; goal (FastPath no worse on both): "
            + (idleCpu.Lcore <= l3fwdCpu.Lcore + 0.005 && fastPathWake.Percentile(50) <= l3fwdWake.Percentile(50) ? "met" : "missed"));
        Assert.Equal(0, l2fwdExit);
        Assert.True(idleCpu.Lcore <= 0.05, $"l2fwd --idle interrupt's lcore used {idleCpu.Lcore:P1} of a core without traffic (at most 5%).");
        // Polling, the same lcore must read at least five times the idle limit, or the figure could not tell them apart.
        Assert.True(pollCpu.Lcore >= 0.25, $"l2fwd's polling lcore used only {pollCpu.Lcore:P1} of a core: the CPU figure cannot tell idle from busy.");
        Assert.Equal((ulong)TestpmdFrames, forwardedBurst);
        Assert.Equal((ulong)(TestpmdFrames + WakeProbes), rx0);
        Assert.Equal((ulong)(TestpmdFrames + WakeProbes), tx1);
        Assert.Equal((ulong)WakeProbes, fastPathWake.Count);
        Assert.True(wakeups >= WakeProbes, $"l2fwd woke {wakeups} times for {WakeProbes} probes sent half a second apart: they were found by polling, not by the interrupt.");
        Assert.Equal((ulong)WakeProbes, l3fwdWake.Count);
    }

    private static ChildProcess StartL2fwd(PciAddress b, PciAddress c, params string[] extra)
    {
        ChildProcess l2fwd = ChildProcess.StartApp("l2fwd", ["--port", $"pci:{b}:rxd=4096", "--port", $"pci:{c}:rxd=4096", "--lcores", "0", "--log-level", "Information", .. extra]);
        l2fwd.WaitForOutput("Forwarding between", StartTimeout);
        Thread.Sleep(3000);
        return l2fwd;
    }

    /// <summary>
    /// The shares of one core that the forwarding thread <paramref name="tid"/> of process <paramref name="pid"/>, and
    /// the whole process, used over <see cref="CpuWindow"/>.
    /// </summary>
    private static (double Lcore, double Process) CpuShare(int pid, int tid)
    {
        long lcoreBefore = CpuTicks.OfThread(pid, tid), processBefore = CpuTicks.OfProcess(pid);
        var clock = Stopwatch.StartNew();
        Thread.Sleep(CpuWindow);
        double ticksPerWindow = clock.Elapsed.TotalSeconds * CpuTicks.PerSecond;
        return ((CpuTicks.OfThread(pid, tid) - lcoreBefore) / ticksPerWindow, (CpuTicks.OfProcess(pid) - processBefore) / ticksPerWindow);
    }

    /// <summary>l2fwd's forwarding thread: the lcore runner names it "lcore N".</summary>
    private static (double Lcore, double Process) L2fwdCpuShare(ChildProcess l2fwd) => CpuShare(l2fwd.Id, CpuTicks.ThreadNamed(l2fwd.Id, "lcore 0"));

    /// <summary>testpmd on <paramref name="a"/> sends one burst (io mode, --tx-first); returns how many frames D received.</summary>
    private ulong SendTestpmdBurst(PciAddress a)
    {
        TrafficReceiver receiver = Swap();
        using Testpmd peer = Testpmd.Start(a.ToString(), "io", "--tx-first", $"--burst={TestpmdFrames}", "--txd=1024", "--txpkts=64");
        peer.WaitUntilForwarding(StartTimeout);
        GuestSystem.WaitUntil(() => receiver.Packets >= TestpmdFrames, TimeSpan.FromSeconds(60));
        Thread.Sleep(1000);
        peer.Stop(TimeSpan.FromSeconds(30));
        return receiver.Packets;
    }

    /// <summary>Sends <see cref="WakeProbes"/> probes 0.5 s apart from <paramref name="sender"/> and returns their latencies as D saw them.</summary>
    private LatencyHistogram SendWakeProbes(IgbPorts sender, MacAddress forwarder, uint destinationIp)
    {
        TrafficReceiver receiver = Swap();
        var generator = new TrafficGenerator(sender.Pool, sender[0].GetTxQueue(0), sender[0].MacAddress, new GeneratorSettings
        {
            Count = WakeProbes,
            Rate = RateLimit.Parse("2pps"),
            Flows = new FlowSet { DestinationMac = FieldRange.Single(forwarder.Value), DestinationIp = FieldRange.Single(destinationIp) },
        });
        while (!generator.IsFinished)
        {
            if (generator.Poll() == 0)
            {
                Thread.Sleep(1);
            }
        }

        GuestSystem.WaitUntil(() => receiver.Probes >= WakeProbes, TimeSpan.FromSeconds(10));
        Thread.Sleep(500);
        return receiver.Latency;
    }

    /// <summary>Gives D's polling thread a fresh receiver, so each phase counts only its own frames.</summary>
    private TrafficReceiver Swap()
    {
        var receiver = new TrafficReceiver(_sinkQueue);
        Volatile.Write(ref _receiver, receiver);
        return receiver;
    }

    private static string Micros(ulong nanoseconds) => $"{nanoseconds / 1000.0:0} µs";
}
