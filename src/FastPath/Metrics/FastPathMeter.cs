using System.Diagnostics.Metrics;
using System.Numerics;
using FastPath.Lcores;
using FastPath.Ports;
using Microsoft.Extensions.ObjectPool;

namespace FastPath.Metrics;

/// <summary>
/// Publishes port and application counters through <see cref="System.Diagnostics.Metrics"/> under the meter
/// <see cref="MeterName"/>, for <c>dotnet-counters</c>, OpenTelemetry or any <see cref="MeterListener"/>. Counters are
/// observable: they are read from <see cref="IPort.ReadStatistics"/> and the applications' own counters only when
/// a listener collects, never on the packet path. The callbacks allocate nothing per collection: the measurements go
/// into pooled batches and carry tag arrays made once per series, and each port's queue counters are read into a
/// buffer the series keeps.
/// </summary>
public sealed class FastPathMeter : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "FastPath";

    private readonly Meter _meter;
    private readonly Lock _lock = new();
    private readonly ObjectPool<MeasurementBatch<long>> _batches = new DefaultObjectPool<MeasurementBatch<long>>(new MeasurementBatch<long>.Policy());
    private readonly ObjectPool<MeasurementBatch<double>> _gaugeBatches = new DefaultObjectPool<MeasurementBatch<double>>(new MeasurementBatch<double>.Policy());

    // Replaced, never changed, when a port is added: a collection reads it without a lock or a copy.
    private PortSeries[] _ports = [];

    /// <summary>Creates the meter and its per-port and per-queue instruments.</summary>
    /// <param name="meterFactory">The host's meter factory (dependency injection gives it), or null for a meter of its own.</param>
    public FastPathMeter(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        AddStatisticsCounter("fastpath.port.rx.packets", "{packet}", "Frames received by the port.", s => s.RxPackets);
        AddStatisticsCounter("fastpath.port.rx.bytes", "By", "Bytes of the frames received by the port.", s => s.RxBytes);
        AddStatisticsCounter("fastpath.port.tx.packets", "{packet}", "Frames transmitted by the port.", s => s.TxPackets);
        AddStatisticsCounter("fastpath.port.tx.bytes", "By", "Bytes of the frames transmitted by the port.", s => s.TxBytes);
        AddStatisticsCounter("fastpath.port.drops", "{packet}", "Frames the port dropped for lack of a buffer or ring slot.", s => s.RxMissed);
        AddStatisticsCounter("fastpath.port.errors", "{packet}", "Frames received with errors or failed to transmit.", s => s.RxErrors + s.TxErrors);
        AddQueueCounter("fastpath.queue.rx.packets", "{packet}", "Frames received on the queue.", q => q.RxPackets);
        AddQueueCounter("fastpath.queue.rx.bytes", "By", "Bytes received on the queue.", q => q.RxBytes);
        AddQueueCounter("fastpath.queue.tx.packets", "{packet}", "Frames transmitted on the queue.", q => q.TxPackets);
        AddQueueCounter("fastpath.queue.tx.bytes", "By", "Bytes transmitted on the queue.", q => q.TxBytes);
        AddQueueCounter("fastpath.queue.drops", "{packet}", "Frames dropped on the queue's receive side.", q => q.RxDropped);
    }

    /// <summary>Publishes the counters of <paramref name="port"/>, tagged with its id and name.</summary>
    public void AddPort(int portId, IPort port)
    {
        ArgumentNullException.ThrowIfNull(port);
        lock (_lock)
        {
            _ports = [.. _ports, new PortSeries(portId, port)];
        }
    }

    /// <summary>
    /// Publishes an application counter with one series per added port, tagged as the port counters are, such as
    /// packets an application dropped on a full transmit ring.
    /// </summary>
    /// <param name="name">The instrument name, e.g. <c>fastpath.l2fwd.tx.dropped</c>.</param>
    /// <param name="unit">The UCUM unit, e.g. <c>{packet}</c>.</param>
    /// <param name="description">What is counted.</param>
    /// <param name="read">Reads the current total of the port with the given id; it should not allocate.</param>
    public void AddPortCounter(string name, string unit, string description, Func<int, long> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        _meter.CreateObservableCounter(name, () => ObservePorts(read), unit, description);
    }

    /// <summary>
    /// Publishes the idle-mode counters of the polling lcores of <paramref name="runner"/>, tagged with the lcore id:
    /// <c>fastpath.lcore.idle.sleeps</c>, <c>fastpath.lcore.idle.wakeups</c>, the per cent of time asleep
    /// <c>fastpath.lcore.idle.asleep</c>, and the wake latency <c>fastpath.lcore.idle.wake_latency.mean</c> and
    /// <c>.max</c> in seconds (<see cref="IdleStatistics"/> defines it).
    /// </summary>
    /// <param name="runner">The lcores; each collection reads them into a buffer of the meter's, without allocating.</param>
    public void AddLcores(LcoreRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var lcores = new LcoreSeries(runner);
        _meter.CreateObservableCounter("fastpath.lcore.idle.sleeps", () => lcores.Observe(_batches, i => (long)i.Sleeps), "{sleep}", "Times the lcore slept on its wake sources.");
        _meter.CreateObservableCounter("fastpath.lcore.idle.wakeups", () => lcores.Observe(_batches, i => (long)i.Wakeups), "{wakeup}", "Sleeps a wake source ended.");
        _meter.CreateObservableGauge("fastpath.lcore.idle.asleep", () => lcores.Observe(_gaugeBatches, i => i.AsleepPercent), "%", "Per cent of the lcore's running time spent asleep.");
        _meter.CreateObservableGauge("fastpath.lcore.idle.wake_latency.mean", () => lcores.Observe(_gaugeBatches, i => i.WakeLatencyMean.TotalSeconds), "s", "Mean time from the arrival of the traffic that woke the lcore to its first handled burst.");
        _meter.CreateObservableGauge("fastpath.lcore.idle.wake_latency.max", () => lcores.Observe(_gaugeBatches, i => i.WakeLatencyMax.TotalSeconds), "s", "Longest time from the arrival of the traffic that woke the lcore to its first handled burst.");
    }

    private void AddStatisticsCounter(string name, string unit, string description, Func<PortCounters, ulong> read) =>
        _meter.CreateObservableCounter(name, () => ObserveStatistics(read), unit, description);

    private void AddQueueCounter(string name, string unit, string description, Func<QueueStatistics, ulong> read) =>
        _meter.CreateObservableCounter(name, () => ObserveQueues(read), unit, description);

    private IEnumerable<Measurement<long>> ObservePorts(Func<int, long> read)
    {
        MeasurementBatch<long> batch = MeasurementBatch<long>.Rent(_batches);
        foreach (PortSeries series in Volatile.Read(ref _ports))
        {
            batch.Add(TaggedMeasurement.Create(read(series.Id), series.Tags));
        }

        return batch;
    }

    private IEnumerable<Measurement<long>> ObserveStatistics(Func<PortCounters, ulong> read)
    {
        MeasurementBatch<long> batch = MeasurementBatch<long>.Rent(_batches);
        foreach (PortSeries series in Volatile.Read(ref _ports))
        {
            batch.Add(TaggedMeasurement.Create((long)read(series.Port.ReadStatistics([])), series.Tags));
        }

        return batch;
    }

    private IEnumerable<Measurement<long>> ObserveQueues(Func<QueueStatistics, ulong> read)
    {
        MeasurementBatch<long> batch = MeasurementBatch<long>.Rent(_batches);
        foreach (PortSeries series in Volatile.Read(ref _ports))
        {
            series.AddQueueMeasurements(batch, read);
        }

        return batch;
    }

    /// <summary>Removes the meter and its instruments.</summary>
    public void Dispose() => _meter.Dispose();

    /// <summary>
    /// A published port, its tag arrays, made once (per queue, when the queue is first seen), and the buffer its
    /// queue counters are read into (grown when the port has more queues than it holds).
    /// </summary>
    private sealed class PortSeries(int id, IPort port)
    {
        private readonly Lock _lock = new();
        private KeyValuePair<string, object?>[][] _queueTags = [];
        private QueueStatistics[] _queues = [];

        public int Id { get; } = id;

        public IPort Port { get; } = port;

        public KeyValuePair<string, object?>[] Tags { get; } = [new("port", id), new("name", port.Name)];

        /// <summary>Adds <paramref name="read"/> of each of the port's queues to <paramref name="batch"/>.</summary>
        public void AddQueueMeasurements(MeasurementBatch<long> batch, Func<QueueStatistics, ulong> read)
        {
            lock (_lock)
            {
                int count = Port.ReadStatistics(_queues).QueueCount;
                if (count > _queues.Length)
                {
                    _queues = new QueueStatistics[count];
                    count = Math.Min(count, Port.ReadStatistics(_queues).QueueCount);
                }

                for (int i = 0; i < count; i++)
                {
                    batch.Add(TaggedMeasurement.Create((long)read(_queues[i]), QueueTags(_queues[i].Queue)));
                }
            }
        }

        public KeyValuePair<string, object?>[] QueueTags(int queue)
        {
            KeyValuePair<string, object?>[][] known = Volatile.Read(ref _queueTags);
            if ((uint)queue < (uint)known.Length && known[queue] is { } tags)
            {
                return tags;
            }

            KeyValuePair<string, object?>[][] grown = new KeyValuePair<string, object?>[Math.Max(known.Length, queue + 1)][];
            known.CopyTo(grown, 0);
            grown[queue] = [new("port", Id), new("name", Port.Name), new("queue", queue)];
            Volatile.Write(ref _queueTags, grown);
            return grown[queue];
        }
    }

    /// <summary>The lcores of a runner, the buffer a collection reads them into, and one tag array per lcore.</summary>
    private sealed class LcoreSeries(LcoreRunner runner)
    {
        private readonly Lock _lock = new();
        private LcoreStatistics[] _lcores = [];
        private KeyValuePair<string, object?>[][] _tags = [];

        public MeasurementBatch<T> Observe<T>(ObjectPool<MeasurementBatch<T>> pool, Func<IdleStatistics, T> value)
            where T : struct, INumber<T>
        {
            MeasurementBatch<T> batch = MeasurementBatch<T>.Rent(pool);
            lock (_lock)
            {
                if (_lcores.Length < runner.Count)
                {
                    _lcores = new LcoreStatistics[runner.Count];
                    _tags = new KeyValuePair<string, object?>[runner.Count][];
                }

                int count = runner.Snapshot(_lcores);
                for (int i = 0; i < count; i++)
                {
                    _tags[i] ??= [new("lcore", _lcores[i].Core)];
                    batch.Add(TaggedMeasurement.Create(value(_lcores[i].Idle), _tags[i]));
                }
            }

            return batch;
        }
    }
}
