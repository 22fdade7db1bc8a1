using System.Globalization;
using System.Text.RegularExpressions;
using FastPath.Drivers.Igb.Statistics;
using FastPath.Mempool.Buffers;
using FastPath.Net;
using FastPath.Traffic.Receiver;
using FastPath.Vfio.Pci;
using Xunit.Abstractions;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>
/// TX checksum offload on igb, checked by two independent receivers: pktgen --tx-checksum ip,udp sends on A and on C;
/// DPDK's testpmd on B (csum forwarding, --enable-rx-cksum: the igb PMD turns on the NIC's RX checksum check and
/// counts the frames the NIC flags) and this test's igb port on D, which recomputes both checksums in software.
/// QEMU's igb model zeroes the L4 checksum field and adds the pseudo-header itself, so this run shows that pktgen,
/// the generator and the driver's offload context interoperate with another stack; it cannot show the pseudo-header
/// seed a real 82576 needs in the field (the 82599 model test on the host covers that).
/// Both checks are shown to be live: before pktgen, frames with a nonzero but wrong UDP checksum go from A to B and
/// from C to D, and each receiver must flag exactly those.
/// </summary>
[Collection(GuestCollection.Name)]
[Trait("Category", "Guest4")]
public sealed class IgbChecksumOffloadGuestTests(ITestOutputHelper output)
{
    private const int Frames = 1000;
    private const int BadFrames = 64;
    private static readonly TimeSpan AppTimeout = TimeSpan.FromSeconds(300);
    private readonly GuestResults _results = new(output);

    [GuestFact(Nics = 4)]
    public void OffloadedIpv4AndUdpChecksumsAreRightForTestpmdAndForSoftware()
    {
        IReadOnlyList<PciAddress> nics = GuestEnvironment.Nics;
        MacAddress macB = MacAddress.Parse(GuestEnvironment.Macs[1]);
        MacAddress macD = MacAddress.Parse(GuestEnvironment.Macs[3]);
        using Testpmd testpmd = Testpmd.Start(nics[1].ToString(), "csum", "--enable-rx-cksum");
        testpmd.WaitUntilForwarding(AppTimeout);

        // The negative control first (one process has one VFIO container, so A, C and D share one pool here): frames
        // whose UDP checksum is nonzero and wrong, sent without offload, A -> B and C -> D.
        ChecksumCheckingRxQueue control;
        using (IgbPorts ports = IgbPorts.Open(2048, (nics[0], new IgbPortOptions()), (nics[2], new IgbPortOptions()), (nics[3], new IgbPortOptions { Promiscuous = true })))
        {
            ports.StartAll();
            Assert.True(GuestSystem.WaitUntil(() => ports[0].Link.IsUp && ports[1].Link.IsUp && ports[2].Link.IsUp, TimeSpan.FromSeconds(60)), "The links of A, C and D did not come up.");
            control = new ChecksumCheckingRxQueue(ports[2].GetRxQueue(0));
            var controlReceiver = new TrafficReceiver(control);
            using var controlPolling = new PollingThread(controlReceiver.Poll, sleepWhenIdle: true);
            SendBadFrames(ports, 0, macB);
            SendBadFrames(ports, 1, macD);
            Assert.True(GuestSystem.WaitUntil(() => controlReceiver.Packets >= BadFrames, TimeSpan.FromSeconds(30)), $"D received {controlReceiver.Packets} of the {BadFrames} control frames.");
            controlPolling.Stop();
        }

        using IgbPorts d = IgbPorts.Open(8192, (nics[3], new IgbPortOptions { Promiscuous = true, Rx = new() { RingSize = 4096 } }));
        d.StartAll();
        var checkedQueue = new ChecksumCheckingRxQueue(d[0].GetRxQueue(0));
        var receiver = new TrafficReceiver(checkedQueue);
        using var polling = new PollingThread(receiver.Poll, sleepWhenIdle: true);
        string count = Frames.ToString(CultureInfo.InvariantCulture);
        using ChildProcess toB = ChildProcess.StartApp("pktgen", "--port", $"pci:{nics[0]}", "--lcores", "0", "--count", count, "--rate", "5kpps", "--dst-mac", macB.ToString(), "--tx-checksum", "ip,udp");
        using ChildProcess toD = ChildProcess.StartApp("pktgen", "--port", $"pci:{nics[2]}", "--lcores", "0", "--count", count, "--rate", "5kpps", "--dst-mac", macD.ToString(), "--tx-checksum", "ip,udp");
        Assert.True(toB.WaitForExit(AppTimeout), $"pktgen on A did not finish:\n{toB.Output}");
        Assert.True(toD.WaitForExit(AppTimeout), $"pktgen on C did not finish:\n{toD.Output}");
        File.WriteAllText(Path.Combine(GuestEnvironment.OutputDirectory, "pktgen-checksum-a.out"), toB.Output);
        Assert.True(toB.ExitCode == 0, toB.Output);
        Assert.True(toD.ExitCode == 0, toD.Output);
        Assert.Contains("checksums offloaded to the NIC: Ipv4Checksum, UdpChecksum", toB.Output);

        bool all = GuestSystem.WaitUntil(() => receiver.Packets >= Frames, TimeSpan.FromSeconds(30));
        Thread.Sleep(2500);
        polling.Stop();
        testpmd.Stop(TimeSpan.FromSeconds(30));
        (ulong rx, ulong badIp, ulong badL4) = PortForwardStatistics(testpmd.Output);
        File.WriteAllText(Path.Combine(GuestEnvironment.OutputDirectory, "testpmd-csum.out"), testpmd.Output);
        _results.Report($"tx checksum offload ({BadFrames} control frames with a wrong UDP checksum, then pktgen --tx-checksum ip,udp, {Frames} frames per NIC): "
            + $"testpmd csum on B RX-packets {rx}, Bad-ipcsum {badIp}, Bad-l4csum {badL4}; FastPath on D: control checked {control.Checked}, bad UDP {control.BadUdp}; "
            + $"pktgen frames received {receiver.Packets}, checked {checkedQueue.Checked}, bad IPv4 {checkedQueue.BadIpv4}, bad UDP {checkedQueue.BadUdp}, no UDP checksum {checkedQueue.NoUdpChecksum}; "
            + $"probes lost {ReceiverSummary.Combine([receiver]).Lost}");
        Assert.True(all, $"D received {receiver.Packets} of {Frames}.");
        Assert.Equal((ulong)(Frames + BadFrames), rx);
        Assert.Equal(0UL, badIp);
        Assert.Equal((ulong)BadFrames, badL4);
        Assert.Equal(BadFrames, control.Checked);
        Assert.Equal(BadFrames, control.BadUdp);
        Assert.Equal(0, control.BadIpv4);
        Assert.Equal(Frames, checkedQueue.Checked);
        Assert.Equal(0, checkedQueue.BadIpv4);
        Assert.Equal(0, checkedQueue.NoUdpChecksum);
        Assert.Equal(0, checkedQueue.BadUdp);
    }

    private static void SendBadFrames(IgbPorts ports, int port, MacAddress destination)
    {
        var frames = new Packet[BadFrames];
        Assert.Equal(BadFrames, ports.Pool.Alloc(frames));
        foreach (Packet frame in frames)
        {
            frame.Length = 60;
            UdpChecksums.WriteFrame(frame.Data, destination, ports[port].MacAddress, corruptUdp: true);
        }

        int sent = 0;
        while (sent < BadFrames)
        {
            sent += ports[port].GetTxQueue(0).TxBurst(frames.AsSpan(sent));
        }

        Assert.True(GuestSystem.WaitUntil(() => ports[port].GetHardwareStatistics().GoodPacketsTransmitted >= BadFrames, TimeSpan.FromSeconds(20)), "The NIC did not send the bad-checksum frames.");
    }

    /// <summary>RX-packets, Bad-ipcsum and Bad-l4csum of testpmd's forward statistics for port 0 (printed at exit in csum mode).</summary>
    private static (ulong Rx, ulong BadIp, ulong BadL4) PortForwardStatistics(string text)
    {
        int at = text.LastIndexOf("Forward statistics for port 0", StringComparison.Ordinal);
        Assert.True(at >= 0, $"testpmd printed no forward statistics:\n{text}");
        string tail = text[at..];
        ulong Get(string name)
        {
            Match match = Regex.Match(tail, Regex.Escape(name) + @":\s*(\d+)");
            Assert.True(match.Success, $"No {name} in:\n{tail}");
            return ulong.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return (Get("RX-packets"), Get("Bad-ipcsum"), Get("Bad-l4csum"));
    }
}
