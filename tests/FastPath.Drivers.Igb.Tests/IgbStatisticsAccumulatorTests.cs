using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Igb.Statistics;
using FastPath.Drivers.Igb.Tests.Fakes;

namespace FastPath.Drivers.Igb.Tests;

/// <summary>Clear-on-read counters folded into 64-bit totals.</summary>
public sealed class IgbStatisticsAccumulatorTests
{
    [Fact]
    public void SuccessiveReadsAddUpPastThe32BitRange()
    {
        var file = new RegisterFile();
        uint[] counters = [IgbStatisticsAccumulator.GoodPacketsReceivedCount, IgbStatisticsAccumulator.GoodPacketsTransmittedCount,
            IgbStatisticsAccumulator.MissedPacketCount, IgbStatisticsAccumulator.CrcErrorCount, IgbRegister.RxQueueDropCount(1)];
        foreach (uint offset in counters)
        {
            file.ClearOnRead.Add(offset);
        }

        var registers = new FakeRegisters(file);
        var accumulator = new IgbStatisticsAccumulator(2);
        for (int round = 0; round < 3; round++)
        {
            file[IgbStatisticsAccumulator.GoodPacketsReceivedCount] = 0xF000_0000;
            file[IgbStatisticsAccumulator.GoodPacketsTransmittedCount] = 7;
            file[IgbStatisticsAccumulator.MissedPacketCount] = 2;
            file[IgbStatisticsAccumulator.CrcErrorCount] = 1;
            file[IgbRegister.RxQueueDropCount(1)] = 5;
            accumulator.Accumulate(ref registers);
            accumulator.Accumulate(ref registers);
        }

        IgbHardwareStatistics totals = accumulator.Snapshot();
        Assert.Equal(3 * 0xF000_0000UL, totals.GoodPacketsReceived);
        Assert.Equal(21UL, totals.GoodPacketsTransmitted);
        Assert.Equal(6UL, totals.MissedPackets);
        Assert.Equal(3UL, totals.CrcErrors);
        Assert.Equal([0UL, 15UL], totals.QueuePacketsDropped);
    }

    [Fact]
    public void OctetCountersReadLowThenHigh()
    {
        var file = new RegisterFile();
        file[IgbStatisticsAccumulator.GoodOctetsReceivedLow] = 0x10;
        file[IgbStatisticsAccumulator.GoodOctetsReceivedLow + 4] = 0x2;
        var registers = new FakeRegisters(file);
        var accumulator = new IgbStatisticsAccumulator(1);

        accumulator.Accumulate(ref registers);

        Assert.Equal(0x2_0000_0010UL, accumulator.Snapshot().GoodOctetsReceived);
        int low = file.Log.FindIndex(e => e.Offset == IgbStatisticsAccumulator.GoodOctetsReceivedLow);
        int high = file.Log.FindIndex(e => e.Offset == IgbStatisticsAccumulator.GoodOctetsReceivedLow + 4);
        Assert.True(low < high, "GORCL must be read before GORCH.");
    }

    [Fact]
    public void MoreQueuesThanTheDeviceHasAreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new IgbStatisticsAccumulator(IgbRegister.QueueCount + 1));
}
