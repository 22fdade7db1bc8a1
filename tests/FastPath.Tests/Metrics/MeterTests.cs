using System.Diagnostics.Metrics;
using FastPath.Lcores;
using FastPath.Metrics;
using FastPath.Ports;
using FastPath.Ports.Virtual.Null;
using FastPath.Ports.Virtual.Ring;
using FastPath.Tests.Lcores;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastPath.Tests.Metrics;

[Collection(LcoreCollection.Name)]
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
    public void EveryInstrumentAllocatesNothingPerCollection()
    {
        // Real ports (a null port with two queues, a ring pair with three), an application counter and a running
        // lcore: every instrument of the meter is enabled, long counters and double gauges alike.
        using var port = new NullPort(new NullPortOptions { Name = "meter-alloc", QueueCount = 2 });
        (RingPort ringA, RingPort ringB) = RingPort.CreatePair(new RingPortOptions { QueueCount = 3 });
        using (ringA)
        using (ringB)
        using (var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false))
        using (var factory = new ScopedMeterFactory())
        using (var meter = new FastPathMeter(factory))
        {
            runner.Launch(0, [new Spin()]);
            meter.AddPort(0, port);
            meter.AddPort(1, ringA);
            meter.AddPort(2, ringB);
            meter.AddPortCounter("fastpath.test.alloc", "{packet}", "test", id => id + 7);
            meter.AddLcores(runner);
            long appTotal = 0, longs = 0, doubles = 0;
            var instruments = new HashSet<string>();
            using var listener = new MeterListener
            {
                // Only this meter's instruments: other tests running at the same time make FastPath meters too.
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == FastPathMeter.MeterName && instrument.Meter.Scope == factory)
                    {
                        instruments.Add(instrument.Name);
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                longs++;
                if (instrument.Name == "fastpath.test.alloc")
                {
                    appTotal += value;
                }
            });
            listener.SetMeasurementEventCallback<double>((_, _, _, _) => doubles++);
            listener.Start();
            for (int i = 0; i < 10; i++)
            {
                listener.RecordObservableInstruments();
            }

            Assert.Contains("fastpath.queue.rx.packets", instruments);
            Assert.Contains("fastpath.lcore.idle.asleep", instruments);
            Assert.True(TaggedMeasurement.SharesTags, "the runtime's Measurement<T> layout was not recognised; tags are copied");
            (long longsBefore, long doublesBefore) = (longs, doubles);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                listener.RecordObservableInstruments();
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            runner.Stop();
            runner.Join();

            // Per collection: 6 port counters x 3 ports, 5 queue counters x (2 + 3 + 3) queues, 3 application
            // series, 2 lcore counters; 3 lcore gauges.
            Assert.Equal(1000L * ((6 * 3) + (5 * 8) + 3 + 2), longs - longsBefore);
            Assert.Equal(1000L * 3, doubles - doublesBefore);
            Assert.Equal(1010L * (7 + 8 + 9), appTotal);
            Assert.Equal(0, allocated);
        }
    }

    [Fact]
    public void SharedTagMeasurementsReadBackTheirValueAndTags()
    {
        KeyValuePair<string, object?>[] tags = [new("port", 5), new("name", "x")];
        Measurement<long> measurement = TaggedMeasurement.Create(-9L, tags);
        Assert.Equal(-9, measurement.Value);
        Assert.Equal(tags, measurement.Tags.ToArray());
    }

    /// <summary>Makes meters scoped to itself, so that a listener can tell them from every other meter of the same name.</summary>
    private sealed class ScopedMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }

    private sealed class Spin : IPollingTask
    {
        public bool IsFinished => false;

        public int Poll() => 0;

        public void Finish()
        {
        }
    }
}
