using System.Text;
using FastPath.Hosting.Screen;
using FastPath.Ports.Virtual.Ring;
using FastPath.Traffic.Frames;
using FastPath.Traffic.Generator;
using FastPath.Traffic.Receiver;

namespace FastPath.Hosting.Tests.Screen;

public sealed class ReceiverSectionTests
{
    [Fact]
    public void TheSectionSaysWhatTheExitSummarySays_AndARedrawAllocatesNothing()
    {
        using var pool = TestPools.Create();
        (RingPort tx, RingPort rx) = RingPort.CreatePair();
        using (tx)
        using (rx)
        {
            tx.Start();
            rx.Start();
            var generator = new TrafficGenerator(pool, tx.GetTxQueue(0), tx.MacAddress, new GeneratorSettings { Count = 1000, Sizes = FrameSizes.Fixed(128) });
            var receiver = new TrafficReceiver(rx.GetRxQueue(0));
            while (receiver.Packets < 1000)
            {
                generator.Poll();
                receiver.Poll();
            }

            ScreenSection section = ReceiverSection.For([receiver]);
            var text = new StringBuilder(1024);
            section(text);
            ReceiverSummary summary = ReceiverSummary.Combine([receiver]);
            string drawn = text.ToString();
            Assert.Contains($"probes {summary.Probes} in {summary.Streams} stream(s), foreign {summary.Foreign}; lost {summary.Lost}, reordered {summary.Reordered}, duplicates {summary.Duplicates}", drawn);
            Assert.Contains($"p50 {summary.Latency.Percentile(50)}, p99 {summary.Latency.Percentile(99)}", drawn);
            Assert.Contains("probes 1000 in 1 stream(s)", drawn);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                section(text.Clear());
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(drawn, text.ToString());
        }
    }
}
