using System.Globalization;
using FastPath.Net;
using FastPath.Traffic.Receiver;
using Xunit.Abstractions;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>
/// Four igb NICs on two cables (A-B, C-D): the pktgen application sends on A through its <c>pci:</c> port, the l2fwd
/// application forwards between B and C, and this test receives on D with an igb port whose MAC is the one l2fwd
/// writes for its port 1 (02:00:00:00:00:01) and promiscuous mode off, so that only rewritten frames get in.
/// </summary>
[Collection(GuestCollection.Name)]
[Trait("Category", "Guest4")]
public sealed partial class IgbForwardingGuestTests(ITestOutputHelper output)
{
    private static readonly TimeSpan AppTimeout = TimeSpan.FromSeconds(120);
    private readonly GuestResults _results = new(output);

    [GuestFact(Nics = 4)]
    public void PktgenFramesCrossL2fwdWithRewrittenMacsAndMatchingCounts()
    {
        const ulong Frames = 2000;
        IReadOnlyList<FastPath.Vfio.Pci.PciAddress> nics = GuestEnvironment.Nics;
        MacAddress rewrittenDestination = MacAddress.Parse("02:00:00:00:00:01");
        MacAddress portC = MacAddress.Parse(GuestEnvironment.Macs[2]);
        // pktgen, l2fwd and this receiver share the guest's TCG vCPU, and QEMU's igb drops without counting when a ring
        // is full: 4096-descriptor rings hold 800 ms of the 5 kpps stream (512 held 100 ms, which a slow run outlasted).
        using IgbPorts d = IgbPorts.Open(8192, (nics[3], new IgbPortOptions { MacAddress = rewrittenDestination, Rx = new() { RingSize = 4096 } }));
        d.StartAll();
        var checkedQueue = new MacCheckingRxQueue(d[0].GetRxQueue(0), rewrittenDestination, portC);
        var receiver = new TrafficReceiver(checkedQueue);
        using var polling = new PollingThread(receiver.Poll);

        using ChildProcess l2fwd = ChildProcess.StartApp("l2fwd", "--port", $"pci:{nics[1]}:rxd=4096", "--port", $"pci:{nics[2]}:rxd=4096", "--lcores", "0", "--log-level", "Information", "--stats-interval", "5");
        l2fwd.WaitForOutput("Forwarding between", AppTimeout);
        Thread.Sleep(3000);
        using ChildProcess pktgen = ChildProcess.StartApp("pktgen", "--port", $"pci:{nics[0]}", "--lcores", "0", "--count", Frames.ToString(CultureInfo.InvariantCulture), "--rate", "5kpps", "--dst-mac", "02:00:00:00:00:00");
        Assert.True(pktgen.WaitForExit(AppTimeout), $"pktgen did not finish:\n{pktgen.Output}");
        bool all = SpinWait.SpinUntil(() => receiver.Packets >= Frames, TimeSpan.FromSeconds(30));
        Thread.Sleep(1000);
        Assert.True(l2fwd.Interrupt(AppTimeout), $"l2fwd did not stop:\n{l2fwd.Output}");
        polling.Stop();
        ReceiverSummary probes = ReceiverSummary.Combine([receiver]);
        (ulong First, ulong Highest) sequence = receiver.Streams.Select(s => (s.Tracker.First, s.Tracker.Highest)).FirstOrDefault();

        (ulong handedRx, ulong handedTx) = AppSummary.Row(pktgen.Output, @"\(handed\)");
        (ulong l2fwdRx0, ulong l2fwdTx0) = AppSummary.Row(l2fwd.Output, @"^0 pci:\S+");
        (ulong l2fwdRx1, ulong l2fwdTx1) = AppSummary.Row(l2fwd.Output, @"^1 pci:\S+");
        _results.Report($"forwarding (4 NICs): pktgen on A sent {handedTx} frames (exit {pktgen.ExitCode}); l2fwd port 0 (B) RX {l2fwdRx0} TX {l2fwdTx0}, port 1 (C) RX {l2fwdRx1} TX {l2fwdTx1} (exit {l2fwd.ExitCode}); "
            + $"D received {receiver.Packets} with dst {rewrittenDestination}, src {portC} (C's MAC): wrong dst {checkedQueue.WrongDestination}, wrong src {checkedQueue.WrongSource}; "
            + $"probes {probes.Probes}, sequence {sequence.First}..{sequence.Highest}, lost {probes.Lost}, reordered {probes.Reordered}, duplicates {probes.Duplicates}");
        File.WriteAllText(Path.Combine(GuestEnvironment.OutputDirectory, "l2fwd.out"), l2fwd.Output);
        File.WriteAllText(Path.Combine(GuestEnvironment.OutputDirectory, "pktgen.out"), pktgen.Output);
        Assert.Equal(0, pktgen.ExitCode);
        Assert.Equal(0, l2fwd.ExitCode);
        Assert.True(all, $"D received {receiver.Packets} of {Frames}.");
        Assert.Equal(Frames, handedTx);
        Assert.Equal(Frames, l2fwdRx0);
        Assert.Equal(Frames, l2fwdTx1);
        Assert.Equal(Frames, receiver.Packets);
        Assert.Equal(0UL, probes.Lost);
        Assert.Equal(0, checkedQueue.WrongSource);
        Assert.Equal(0, checkedQueue.WrongDestination);
    }
}
