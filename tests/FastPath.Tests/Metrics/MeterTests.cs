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
        meter.AddPortCounter("fastpath.test.dropped", "{packet}", "test", id => id * 14);
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
        Assert.Equal((42L, (object?)3), seen["fastpath.test.dropped"]);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void ApplicationCountersAllocateNothingPerCollection()
    {
        using var port = new NullPort(new NullPortOptions { Name = "meter-alloc" });
        using var meter = new FastPathMeter();
        meter.AddPort(0, port);
        meter.AddPort(1, port);
        long total = 0;
        meter.AddPortCounter("fastpath.test.alloc", "{packet}", "test", id => id + 7);
        using var listener = new MeterListener
        {
            // Only the application counter: the port counters read IPort.GetStatistics, which allocates in the port.
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FastPathMeter.MeterName && instrument.Name == "fastpath.test.alloc")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        var ports = new List<object?>();
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            total += value;
            if (ports.Count < 2)
            {
                ports.Add(tags[0].Value);
            }
        });
        listener.Start();
        for (int i = 0; i < 10; i++)
        {
            listener.RecordObservableInstruments();
        }

        Assert.Equal([0, 1], ports);
        Assert.True(TaggedMeasurement.SharesTags, "the runtime's Measurement<long> layout was not recognised; tags are copied");
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            listener.RecordObservableInstruments();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1010L * (7 + 8), total);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void SharedTagMeasurementsReadBackTheirValueAndTags()
    {
        KeyValuePair<string, object?>[] tags = [new("port", 5), new("name", "x")];
        Measurement<long> measurement = TaggedMeasurement.Create(-9, tags);
        Assert.Equal(-9, measurement.Value);
        Assert.Equal(tags, measurement.Tags.ToArray());
    }
}
