using System.Diagnostics.Metrics;
using FastPath.Metrics;
using FastPath.Ports;
using FastPath.Ports.Virtual.Null;

namespace FastPath.Tests.Metrics;

public sealed class MeterTests
{
    [Fact]
    public void PortAndAppCountersAreObservedUnderTheFastPathMeter()
    {
        using var pool = TestPools.Create();
        using var port = new NullPort(new NullPortOptions { Name = "meter-test" });
        port.Start();
        FastPath.Mempool.Buffers.Packet[] frames = new FastPath.Mempool.Buffers.Packet[5];
        Assert.Equal(5, pool.Alloc(frames));
        foreach (var frame in frames)
        {
            frame.Length = 100;
        }

        Assert.Equal(5, port.GetTxQueue(0).TxBurst(frames));

        using var meter = new FastPathMeter();
        meter.AddPort(3, port);
        meter.AddCounter("fastpath.test.dropped", "{packet}", "test", () => [new Measurement<long>(42)]);
        var seen = new Dictionary<string, (long Value, object? Port)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FastPathMeter.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            object? portTag = null;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "port")
                {
                    portTag = tag.Value;
                }
            }

            seen[instrument.Name] = (value, portTag);
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal((5L, (object?)3), seen["fastpath.port.tx.packets"]);
        Assert.Equal(500L, seen["fastpath.port.tx.bytes"].Value);
        Assert.Equal(0L, seen["fastpath.port.rx.packets"].Value);
        Assert.Equal(42L, seen["fastpath.test.dropped"].Value);
        Assert.Equal(0, pool.InUse);
    }
}
