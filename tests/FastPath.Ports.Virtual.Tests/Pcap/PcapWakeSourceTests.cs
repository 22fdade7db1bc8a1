using System.Diagnostics;
using FastPath.Linux.Events;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Pcap;

namespace FastPath.Ports.Virtual.Tests.Pcap;

public sealed class PcapWakeSourceTests : IDisposable
{
    private readonly string _path = PcapFiles.WriteTemp(PcapFiles.Header(),
        PcapFiles.Record(TestPools.NumberedFrame(1), seconds: 50, fraction: 0),
        PcapFiles.Record(TestPools.NumberedFrame(2), seconds: 50, fraction: 200_000));

    [Fact]
    public void ATimedReplayWakesASleepingLcoreWhenItsNextRecordIsDue()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new PcapReaderPort(_path, pool, new PcapReaderPortOptions { HonourTimestamps = true });
        port.Start();
        IRxQueue rx = port.GetRxQueue(0);
        IWakeSource wake = rx.WakeSource ?? throw new InvalidOperationException("A timed replay must have a wake source.");
        var burst = new Packet[8];
        Assert.True(port.Info.Capabilities.HasFlag(PortCapabilities.WakeSource));

        var clock = Stopwatch.StartNew();
        Assert.Equal(1, rx.RxBurst(burst));
        pool.Free(burst[0]);
        Assert.Equal(0, rx.RxBurst(burst));

        // The second record is due 200 ms after the first: armed, the timer (not a poll) ends the wait then.
        using var epoll = new EpollWaiter();
        epoll.Add(wake.Handle, 1);
        Assert.True(wake.Arm(), "Arming with the next record 200 ms away must let the lcore sleep.");
        Span<ulong> ready = stackalloc ulong[1];
        int woken = epoll.Wait(ready, 5000);
        TimeSpan wokeAt = clock.Elapsed;
        long due = wake.ArrivalTimestamp;
        wake.Disarm();

        Assert.Equal(1, woken);
        Assert.InRange(wokeAt, TimeSpan.FromMilliseconds(180), TimeSpan.FromSeconds(2));
        Assert.True(Stopwatch.GetTimestamp() >= due, "The arrival stamp is the record's due time, which has passed on waking.");
        Assert.Equal(1, rx.RxBurst(burst));
        Assert.Equal(2, BitConverter.ToInt32(burst[0].Data));
        pool.Free(burst[0]);
        Assert.Equal(0, epoll.Wait(ready, 0));
    }

    [Fact]
    public void ArmingWhenTheNextRecordIsDueAlreadyRefusesSoNothingWaitsOnATimerForAFrameThatCouldGo()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new PcapReaderPort(_path, pool, new PcapReaderPortOptions { HonourTimestamps = true });
        port.Start();
        IRxQueue rx = port.GetRxQueue(0);
        var burst = new Packet[8];
        Assert.Equal(1, rx.RxBurst(burst));
        pool.Free(burst[0]);
        Assert.Equal(0, rx.RxBurst(burst));

        Thread.Sleep(300);

        Assert.False(rx.WakeSource!.Arm());
        Assert.Equal(1, rx.RxBurst(burst));
        pool.Free(burst[0]);
    }

    [Fact]
    public void AReplayAsFastAsItCanGoHasNoWakeSource()
    {
        using Mempool.Pools.PacketPool pool = TestPools.Create();
        using var port = new PcapReaderPort(_path, pool);

        Assert.Null(port.GetRxQueue(0).WakeSource);
        Assert.False(port.Info.Capabilities.HasFlag(PortCapabilities.WakeSource));
    }

    public void Dispose() => File.Delete(_path);
}
