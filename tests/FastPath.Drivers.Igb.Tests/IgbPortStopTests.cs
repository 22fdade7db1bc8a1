using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Igb.Tests.Fakes;
using FastPath.Drivers.Intel.Queues;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Ports;

namespace FastPath.Drivers.Igb.Tests;

/// <summary>
/// Stopping an 82576 port's queues as the datasheet says (4.5.9, 4.5.10.1), through the shared Intel queue code that
/// the 82599 port uses as well: buffers only after the enable bit reads 0 and the DMA settled, a reported drain
/// timeout, and a stop that can be retried after a queue refused to stop.
/// </summary>
public sealed class IgbPortStopTests
{
    private const int RingSize = 128;

    private static readonly IgbPortOptions Fast = new()
    {
        HandshakeTimeout = TimeSpan.FromMilliseconds(50),
        DrainTimeout = TimeSpan.FromMilliseconds(5),
        LinkTimeout = TimeSpan.FromMilliseconds(1),
        Rx = new() { RingSize = RingSize },
        Tx = new() { RingSize = RingSize },
    };

    [Fact]
    public void ReceiveBuffersGoBackOnlyAfterTheQueueReportsDisabledAndTheDmaSettled()
    {
        using PacketPool pool = Pool();
        RegisterFile file = Device();
        var clock = new SteppingClock();
        using var port = new IgbPort<FakeRegisters>("fake", new FakeRegisters(file), new FakeDeviceFunction(), pool, Fast with { Clock = clock });
        port.Start();
        int whileStarted = pool.Available;
        Assert.Equal(pool.Capacity - RingSize, whileStarted);
        var settling = new List<long>();
        bool disabledBeforeSettle = true;
        clock.Read = now =>
        {
            if (pool.Available == whileStarted)
            {
                settling.Add(now);
                disabledBeforeSettle &= (file[IgbRegister.RxControl(0)] & QueueRegisterOffsets.QueueEnable) == 0;
            }
        };

        port.Stop();

        Assert.True(disabledBeforeSettle, "the settle wait began before RXDCTL.ENABLE read 0");
        Assert.NotEmpty(settling);
        Assert.True(settling[^1] - settling[0] >= DmaSettle.AfterQueueDisable.TotalMicroseconds, $"the receive buffers went back {settling[^1] - settling[0]} µs after the queue reported disabled");
        Assert.Equal(pool.Capacity, pool.Available);
    }

    [Fact]
    public void ATransmitDrainThatTimesOutIsCountedAndTheQueueIsStillStopped()
    {
        using PacketPool pool = Pool();
        RegisterFile file = Device();
        using var port = new IgbPort<FakeRegisters>("fake", new FakeRegisters(file), new FakeDeviceFunction(), pool, Fast);
        port.Start();
        Assert.True(pool.TryAlloc(out Packet frame));
        frame.Append(60).Clear();
        Assert.Equal(1, port.GetTxQueue(0).TxBurst([frame]));

        port.Stop(); // TDH stays 0 while TDT is 1: the frame never leaves

        Assert.Equal(1UL, port.TransmitDrainTimeouts);
        Assert.Contains(new ExtendedStatistic("tx_drain_timeouts", 1), port.GetExtendedStatistics());
        Assert.Equal(0u, file[IgbRegister.TxControl(0)] & QueueRegisterOffsets.QueueEnable);
        Assert.Equal(0u, file[IgbRegister.TransmitControl] & IgbBits.TransmitEnable);
        Assert.Equal(pool.Capacity, pool.Available);
    }

    [Fact]
    public void AQueueThatDoesNotStopLeavesTheDeviceOffAndTheStopRetryable()
    {
        using PacketPool pool = Pool();
        RegisterFile file = Device();
        using var port = new IgbPort<FakeRegisters>("fake", new FakeRegisters(file), new FakeDeviceFunction(), pool, Fast);
        port.Start();
        file.StuckBits[IgbRegister.RxControl(0)] = QueueRegisterOffsets.QueueEnable;

        var error = Assert.Throws<TimeoutException>(port.Stop);

        Assert.Contains("receive queue 0 still reports RXDCTL.ENABLE", error.Message);
        Assert.Equal(0u, file[IgbRegister.ReceiveControl] & IgbBits.ReceiveEnable);
        Assert.Equal(0u, file[IgbRegister.TxControl(0)] & QueueRegisterOffsets.QueueEnable);
        Assert.Equal(0u, file[IgbRegister.TransmitControl] & IgbBits.TransmitEnable);
        Assert.Equal(pool.Capacity - RingSize, pool.Available);
        Assert.Contains("call Stop again", Assert.Throws<InvalidOperationException>(port.Start).Message);

        file.StuckBits.Clear();
        port.Stop();

        Assert.Equal(pool.Capacity, pool.Available);
        port.Start();
        Assert.Equal(pool.Capacity - RingSize, pool.Available);
        port.Stop();
        Assert.Equal(pool.Capacity, pool.Available);
    }

    private static PacketPool Pool() =>
        PacketPool.Create("igb-stop", 512, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, CacheSize = 0, DebugChecks = true });

    private static RegisterFile Device()
    {
        var file = new RegisterFile();
        file[IgbRegister.EepromControl] = IgbBits.EepromAutoReadDone;
        file[IgbRegister.DeviceStatus] = IgbBits.StatusLinkUp;
        return file;
    }
}
