using System.Diagnostics;
using System.Runtime.InteropServices;
using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Igb.Statistics;
using FastPath.Drivers.Intel.Registers;
using FastPath.Drivers.Intel.Rx;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Buffers;
using FastPath.Ports;
using FastPath.Traffic.Flows;
using FastPath.Traffic.Frames;
using FastPath.Traffic.Generator;
using FastPath.Traffic.Rate;
using FastPath.Traffic.Receiver;
using FastPath.Vfio.Pci;
using FastPath.Testing;
using Xunit.Abstractions;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>
/// The igb driver on QEMU's 82576 under VFIO in the guest, with DPDK's testpmd (igb PMD) as the peer on the other
/// end of the cable, or a second FastPath port. NIC A = FASTPATH_NICS[0], NIC B = [1], cabled together.
/// </summary>
[Collection(GuestCollection.Name)]
[Trait("Category", "Guest")]
public sealed partial class IgbGuestTests(ITestOutputHelper output)
{
    private static readonly TimeSpan TestpmdStartTimeout = TimeSpan.FromSeconds(60);
    private readonly GuestResults _results = new(output);

    private static PciAddress NicA => GuestEnvironment.Nics[0];

    private static PciAddress NicB => GuestEnvironment.Nics[1];

    [GuestFact]
    public void FastPathSendsImixFramesWithSequenceNumbersThatTestpmdReceivesAll()
    {
        const ulong Frames = 3000;
        // Imix has 1518-byte frames (FCS excluded): 4 bytes above the standard 1514, so the peer needs a larger MTU.
        using Testpmd peer = Testpmd.Start(NicB.ToString(), "rxonly", "--max-pkt-len=1536");
        peer.WaitUntilForwarding(TestpmdStartTimeout);
        using IgbPorts ports = IgbPorts.Open(4096, (NicA, new IgbPortOptions()));
        ports.StartAll();
        var generator = new TrafficGenerator(ports.Pool, ports[0].GetTxQueue(0), ports[0].MacAddress, new GeneratorSettings
        {
            Sizes = FrameSizes.Imix(),
            Count = Frames,
            Rate = RateLimit.Parse("20kpps"),
        });
        while (!generator.IsFinished)
        {
            generator.Poll();
        }

        Assert.True(WaitFor(() => ports[0].GetHardwareStatistics().GoodPacketsTransmitted >= Frames, TimeSpan.FromSeconds(20)), "The NIC did not report every frame sent.");
        Thread.Sleep(2500);
        peer.Stop(TimeSpan.FromSeconds(30));
        (ulong rx, _) = peer.ForwardTotals();
        (ulong nicRx, ulong nicRxBytes, _, _) = peer.LastPortStatistics();
        IgbHardwareStatistics hardware = ports[0].GetHardwareStatistics();
        PortStatistics software = ports[0].GetStatistics();
        _results.Report($"fastpath->testpmd: sent {generator.Counters.Packets} imix frames ({generator.Counters.Bytes} bytes, sizes 64/570/1518, sequence-numbered probes); "
            + $"port TX {software.TxPackets} frames / {software.TxBytes} bytes, NIC GPTC {hardware.GoodPacketsTransmitted}; testpmd rxonly RX-packets {rx}, NIC RX-packets {nicRx}, RX-bytes {nicRxBytes}");
        Assert.Equal(Frames, generator.Counters.Packets);
        Assert.Equal(Frames, hardware.GoodPacketsTransmitted);
        Assert.Equal(Frames, rx);
        Assert.Equal(Frames, nicRx);
        Assert.Equal(generator.Counters.Bytes, nicRxBytes);
    }

    [GuestFact]
    public void TestpmdTxFirstBurstIsReceivedWithItsCountAndBytes()
    {
        // testpmd's io mode with --tx-first sends exactly one burst of txonly frames (--burst, at most 512), then only
        // forwards what it receives (nothing here). A fixed count, because a free-running txonly outruns a .NET lcore
        // on the guest's single TCG vCPU and QEMU drops what its queue cannot hold, uncounted.
        const int Burst = 512;
        const int FrameLength = 128;
        var options = new IgbPortOptions { Promiscuous = true, Rx = new() { RingSize = 1024 } };
        using IgbPorts ports = IgbPorts.Open(4096, (NicA, options));
        ports.StartAll();
        var receiver = new TrafficReceiver(ports[0].GetRxQueue(0));
        using var polling = new PollingThread(() => receiver.Poll());
        using Testpmd peer = Testpmd.Start(NicB.ToString(), "io", "--tx-first", $"--burst={Burst}", "--txd=1024", $"--txpkts={FrameLength}");
        peer.WaitUntilForwarding(TestpmdStartTimeout);
        WaitFor(() => receiver.Packets >= Burst, TimeSpan.FromSeconds(20));
        Thread.Sleep(2500);
        peer.Stop(TimeSpan.FromSeconds(30));
        polling.Stop();
        (_, ulong tx) = peer.ForwardTotals();
        (_, _, ulong nicTx, ulong nicTxBytes) = peer.LastPortStatistics();
        IgbHardwareStatistics hardware = ports[0].GetHardwareStatistics();
        ulong dropped = hardware.MissedPackets + hardware.NoBuffer + hardware.QueuePacketsDropped.Aggregate(0UL, (a, b) => a + b);
        _results.Report($"testpmd->fastpath: testpmd --tx-first TX-packets {tx} ({FrameLength}-byte frames; NIC TX-packets {nicTx}, TX-bytes {nicTxBytes}); "
            + $"FastPath received {receiver.Packets} frames / {receiver.Bytes} bytes, NIC GPRC {hardware.GoodPacketsReceived}, GORC {hardware.GoodOctetsReceived}, dropped {dropped}, driver errors {ports[0].GetStatistics().RxErrors}");
        Assert.Equal((ulong)Burst, tx);
        Assert.Equal(tx, nicTx);
        Assert.Equal(tx, receiver.Packets);
        Assert.Equal(tx * FrameLength, receiver.Bytes);
        Assert.Equal(tx, hardware.GoodPacketsReceived);
        Assert.Equal(0UL, dropped);
    }

    [GuestFact]
    public void RssSpreadsVariedFlowsOverFourReceiveQueues()
    {
        const ulong Frames = 4000;
        using IgbPorts ports = IgbPorts.Open(8192, (NicA, new IgbPortOptions { RxQueues = 4 }), (NicB, new IgbPortOptions()));
        ports.StartAll();
        var receivers = Enumerable.Range(0, 4).Select(q => new TrafficReceiver(ports[0].GetRxQueue(q))).ToArray();
        var generator = new TrafficGenerator(ports.Pool, ports[1].GetTxQueue(0), ports[1].MacAddress, new GeneratorSettings
        {
            Count = Frames,
            Rate = RateLimit.Parse("20kpps"),
            Flows = new FlowSet
            {
                DestinationMac = FieldRange.Single(ports[0].MacAddress.Value),
                SourceIp = FieldRange.ParseIpv4("198.18.0.1-198.18.0.64"),
                SourcePort = FieldRange.ParsePort("1024-1279"),
            },
        });
        var stopwatch = Stopwatch.StartNew();
        while (receivers.Sum(r => (long)r.Packets) < (long)Frames && stopwatch.Elapsed < TimeSpan.FromSeconds(60))
        {
            generator.Poll();
            foreach (TrafficReceiver receiver in receivers)
            {
                receiver.Poll();
            }
        }

        ulong[] perQueue = [.. receivers.Select(r => r.Packets)];
        _results.Report($"rss: sent {generator.Counters.Packets} frames over 64 source IPs x 256 source ports; received per RX queue [{string.Join(", ", perQueue)}] = {perQueue.Aggregate(0UL, (a, b) => a + b)}");
        Assert.Equal(Frames, perQueue.Aggregate(0UL, (a, b) => a + b));
        Assert.True(perQueue.Count(n => n > 0) >= 3, $"Flows reached only {perQueue.Count(n => n > 0)} of 4 queues.");
    }

    [GuestFact]
    public void IdleReceiveQueueSleepsOnItsInterruptAndTheFirstFrameWakesIt()
    {
        var idle = new IgbPortOptions { IdleInterruptThreshold = TimeSpan.FromMilliseconds(20) };
        using IgbPorts ports = IgbPorts.Open(4096, (NicA, idle), (NicB, new IgbPortOptions()));
        ports.StartAll();
        InterruptibleRxQueue<MmioRegisters> queue = ports[0].GetInterruptibleRxQueue(0);
        int tid = 0;
        long firstFrameTimestamp = 0;
        var burst = new Packet[32];
        using var polling = new PollingThread(() =>
        {
            if (tid == 0)
            {
                Volatile.Write(ref tid, GetThreadId());
            }

            int n = queue.RxBurst(burst);
            if (n > 0)
            {
                Interlocked.CompareExchange(ref firstFrameTimestamp, Stopwatch.GetTimestamp(), 0);
                PacketPool.FreeToOwners(burst.AsSpan(0, n));
                return n;
            }

            queue.WaitWhenIdle(TimeSpan.FromSeconds(1));
            return 0;
        });
        Assert.True(WaitFor(() => Volatile.Read(ref tid) != 0, TimeSpan.FromSeconds(10)));
        Thread.Sleep(1000);
        long before = CpuTicks.OfThread(tid);
        var idleWindow = Stopwatch.StartNew();
        Thread.Sleep(3000);
        long cpuTicks = CpuTicks.OfThread(tid) - before;
        double idleSeconds = idleWindow.Elapsed.TotalSeconds;
        ulong wakeupsBefore = queue.InterruptWakeups;

        var generator = new TrafficGenerator(ports.Pool, ports[1].GetTxQueue(0), ports[1].MacAddress, new GeneratorSettings
        {
            Count = 1,
            Flows = new FlowSet { DestinationMac = FieldRange.Single(ports[0].MacAddress.Value) },
        });
        long sent = Stopwatch.GetTimestamp();
        while (!generator.IsFinished)
        {
            generator.Poll();
        }

        bool woke = WaitFor(() => Interlocked.Read(ref firstFrameTimestamp) != 0, TimeSpan.FromSeconds(5));
        double wakeMs = woke ? Stopwatch.GetElapsedTime(sent, Interlocked.Read(ref firstFrameTimestamp)).TotalMilliseconds : double.NaN;
        polling.Stop();
        _results.Report($"idle: receiving lcore used {cpuTicks} clock ticks ({cpuTicks * 10} ms at CLK_TCK 100) of CPU in {idleSeconds:0.0} s without traffic, {queue.Sleeps} sleeps; "
            + $"first frame received {wakeMs:0.0} ms after it was sent, interrupt wake-ups {wakeupsBefore} -> {queue.InterruptWakeups}");
        Assert.True(woke, "The first frame did not wake the sleeping queue.");
        Assert.True(cpuTicks <= 30, $"The idle lcore used {cpuTicks} ticks in 3 s.");
        Assert.True(queue.InterruptWakeups > wakeupsBefore, "The frame was found by a timeout, not by the interrupt.");
    }

    [GuestFact]
    public void ClosingResetsTheDeviceAndLeavesNoDmarFault()
    {
        using (IgbPorts ports = IgbPorts.Open(4096, (NicA, new IgbPortOptions()), (NicB, new IgbPortOptions())))
        {
            ports.StartAll();
            var generator = new TrafficGenerator(ports.Pool, ports[1].GetTxQueue(0), ports[1].MacAddress, new GeneratorSettings
            {
                Count = 500,
                Flows = new FlowSet { DestinationMac = FieldRange.Single(ports[0].MacAddress.Value) },
            });
            var receiver = new TrafficReceiver(ports[0].GetRxQueue(0));
            var stopwatch = Stopwatch.StartNew();
            while (receiver.Packets < 500 && stopwatch.Elapsed < TimeSpan.FromSeconds(30))
            {
                generator.Poll();
                receiver.Poll();
            }

            Assert.Equal(500UL, receiver.Packets);
        }

        using VfioPciDevice device = VfioPciDevice.Open(NicA);
        FastPath.Linux.Mmio.MmioRegisters bar = device.GetBar(0);
        uint rctl = bar.Read32(IgbRegister.ReceiveControl);
        uint tctl = bar.Read32(IgbRegister.TransmitControl);
        uint rdbal = bar.Read32(IgbRegister.RxBaseLow(0));
        IReadOnlyList<string> faults = KernelLog.DmarFaults();
        _results.Report($"teardown: 500 frames B->A, ports closed; reopened NIC A: RCTL 0x{rctl:x8}, TCTL 0x{tctl:x8}, RDBAL0 0x{rdbal:x8}, command register {device.Config.Command}; DMAR faults in dmesg: {faults.Count}");
        Assert.Equal(0u, rctl & IgbBits.ReceiveEnable);
        Assert.Equal(0u, tctl & IgbBits.TransmitEnable);
        Assert.Equal(0u, rdbal);
        Assert.Empty(faults);
    }

    private static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            if (stopwatch.Elapsed > timeout)
            {
                return false;
            }

            Thread.Sleep(10);
        }

        return true;
    }

    /// <summary>utime + stime of thread <paramref name="tid"/> from /proc/self/task/TID/stat (fields 14 and 15, clock ticks).</summary>
    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
