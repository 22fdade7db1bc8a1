using FastPath.Hosting.Statistics;
using FastPath.Lcores;

namespace FastPath.Hosting.Tests.Statistics;

public sealed class BusyCyclesLineTests
{
    [Fact]
    public void GivesTheBusyTimePerFrameInCyclesAtTheTscRateAndSkipsLcoresThatDidNotRecord()
    {
        var output = new StringWriter { NewLine = "\n" };
        LcoreStatistics recorded = new(1, "lcore 1", Polls: 5000, BusyPolls: 400, Packets: 1000, IsRunning: false) { RecordsBusyTime = true, BusyTime = TimeSpan.FromMilliseconds(1) };
        LcoreStatistics plain = new(2, "lcore 2", 10, 5, 50, false) { BusyTime = TimeSpan.FromSeconds(1) };
        LcoreStatistics quiet = new(3, "lcore 3", 10, 0, 0, false) { RecordsBusyTime = true };

        BusyCyclesLine.Write(output, [recorded, plain, quiet], tscMhz: 2000);

        // 1 ms over 1000 frames is 1000 ns a frame, 2000 cycles at 2 GHz.
        Assert.Equal(
            "busy lcore 1: 2000.0 cycles per frame at 2000 MHz TSC (1000.0 ns; 1000 frames in 400 busy rounds of 5000, busy 0.001 s)\n" +
            "busy lcore 3: no frames handled, no busy cycles per frame\n",
            output.ToString());
    }

    [Fact]
    public void TheTscRateComesFromProcCpuinfo() => Assert.InRange(BusyCyclesLine.ReadTscMhz(), 100, 10_000);
}
