using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using FastPath.Lcores;
using FastPath.Linux.Events;
using FastPath.Mempool.Buffers;
using FastPath.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastPath.Tests.Lcores;

[Collection(LcoreCollection.Name)]
public sealed class IdleLoopTests
{
    private static readonly IdlePolicy s_interrupt = IdlePolicy.Interrupt(TimeSpan.FromMicroseconds(200));

    [Fact]
    public void A_quiet_lcore_sleeps_stops_polling_and_the_first_frame_wakes_it_with_every_frame_in_order()
    {
        using var source = new FakeWakeSource();
        var task = new FakeReceiver(source);
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
        runner.Launch(5, [task], idle: s_interrupt);

        Assert.True(SpinWait.SpinUntil(() => runner.Snapshot()[0].Idle.Sleeps == 1, TimeSpan.FromSeconds(5)), "the lcore never slept");
        ulong polls = runner.Snapshot()[0].Polls;
        Thread.Sleep(200);
        Assert.Equal(polls, runner.Snapshot()[0].Polls);
        Assert.Equal(1UL, runner.Snapshot()[0].Idle.Sleeps);

        source.Produce(Enumerable.Range(0, 100));
        Assert.True(SpinWait.SpinUntil(() => task.Received.Count == 100, TimeSpan.FromSeconds(5)), $"{task.Received.Count} of 100 frames arrived");
        Assert.Equal(Enumerable.Range(0, 100), task.Received);
        Assert.True(SpinWait.SpinUntil(() => runner.Snapshot()[0].Idle.Sleeps == 2, TimeSpan.FromSeconds(5)), "the lcore did not sleep again");

        runner.Stop();
        runner.Join();
        IdleStatistics idle = runner.Snapshot()[0].Idle;
        Assert.Equal(1UL, idle.Wakeups);
        Assert.Equal(1UL, idle.WakeLatencySamples);
        Assert.True(idle.WakeLatencyMax > TimeSpan.Zero && idle.WakeLatencyMax < TimeSpan.FromSeconds(1), $"wake latency {idle.WakeLatencyMax}");
        Assert.True(idle.AsleepPercent is > 50 and <= 100, $"asleep {idle.AsleepPercent}%");
        Assert.Equal(source.Arms, source.Disarms + source.Refusals);
        Assert.True(task.Flushes >= 2, "the task was not flushed before each sleep");
    }

    [Fact]
    public void A_source_that_finds_work_while_arming_keeps_the_lcore_awake_and_the_frame_is_not_lost()
    {
        using var source = new FakeWakeSource();

        // The frame arrives while the source arms, and no signal is ever written: the source must refuse (it re-checks
        // after arming), or the lcore sleeps forever on a queue with a frame in it.
        source.OnFirstArm = () => source.Produce([42], signal: false);
        var task = new FakeReceiver(source);
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
        runner.Launch(5, [task], idle: s_interrupt);

        Assert.True(SpinWait.SpinUntil(() => task.Received.Count == 1, TimeSpan.FromSeconds(5)), "the frame that arrived while arming was lost");
        Assert.Equal(42, task.Received.Single());
        Assert.True(SpinWait.SpinUntil(() => runner.Snapshot()[0].Idle.Sleeps == 1, TimeSpan.FromSeconds(5)), "the lcore never slept after the frame");
        runner.Stop();
        runner.Join();
        Assert.Equal(1, source.Refusals);
        Assert.Equal(0UL, runner.Snapshot()[0].Idle.Wakeups);
    }

    [Fact]
    public void When_one_source_refuses_the_ones_already_armed_are_disarmed()
    {
        using var first = new FakeWakeSource();
        using var second = new FakeWakeSource();
        bool refuse = true;
        second.Refuse = () => Volatile.Read(ref refuse);
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
        runner.Launch(5, [new FakeReceiver(first, second)], idle: IdlePolicy.Interrupt(TimeSpan.Zero));

        Assert.True(SpinWait.SpinUntil(() => second.Refusals > 100, TimeSpan.FromSeconds(5)));
        Volatile.Write(ref refuse, false);
        Assert.True(SpinWait.SpinUntil(() => runner.Snapshot()[0].Idle.Sleeps == 1, TimeSpan.FromSeconds(5)));
        runner.Stop();
        runner.Join();
        Assert.Equal(first.Arms, first.Disarms);
        Assert.Equal(second.Arms, second.Disarms + second.Refusals);
    }

    [Fact]
    public void Stopping_wakes_a_sleeping_lcore_at_once()
    {
        using var source = new FakeWakeSource();
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
        runner.Launch(5, [new FakeReceiver(source)], idle: s_interrupt);
        Assert.True(SpinWait.SpinUntil(() => runner.Snapshot()[0].Idle.Sleeps == 1, TimeSpan.FromSeconds(5)));

        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        runner.Stop();
        runner.Join();
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(1));
        Assert.Equal(0UL, runner.Snapshot()[0].Idle.Wakeups);
    }

    [Fact]
    public void Poll_mode_never_arms_and_an_lcore_with_a_generator_never_sleeps()
    {
        using var polled = new FakeWakeSource();
        using var withGenerator = new FakeWakeSource();
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
        runner.Launch(5, [new FakeReceiver(polled)]);
        runner.Launch(6, [new FakeReceiver(withGenerator), new Generator()], idle: s_interrupt);
        Assert.True(SpinWait.SpinUntil(() => runner.Snapshot().All(s => s.Polls > 10_000), TimeSpan.FromSeconds(5)));
        runner.Stop();
        runner.Join();
        Assert.Equal(0, polled.Arms);
        Assert.Equal(0, withGenerator.Arms);
        Assert.All(runner.Snapshot(), s => Assert.Equal(0UL, s.Idle.Sleeps));
    }

    [Fact]
    public void Interrupt_mode_on_a_queue_without_a_wake_source_is_an_error_naming_the_port()
    {
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
        var error = Assert.Throws<ArgumentException>(() => runner.Launch(5, [new FakeReceiver((FakeWakeSource?)null)], idle: s_interrupt));
        Assert.Contains("Port 'null:' has no wake source on receive queue 0", error.Message);
        Assert.Contains("idle mode poll", error.Message);

        // Nothing started, and poll mode is fine on it.
        runner.Launch(5, [new FakeReceiver((FakeWakeSource?)null)]);
    }

    [Fact]
    public void The_meter_publishes_the_idle_counters_per_lcore()
    {
        using var source = new FakeWakeSource();
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
        runner.Launch(5, [new FakeReceiver(source)], idle: s_interrupt);
        Assert.True(SpinWait.SpinUntil(() => runner.Snapshot()[0].Idle.Sleeps == 1, TimeSpan.FromSeconds(5)));
        source.Produce([1]);
        Assert.True(SpinWait.SpinUntil(() => runner.Snapshot()[0].Idle.WakeLatencySamples == 1, TimeSpan.FromSeconds(5)));

        using var meter = new FastPath.Metrics.FastPathMeter();
        meter.AddLcores(runner);
        var seen = new Dictionary<string, double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FastPath.Metrics.FastPathMeter.MeterName && instrument.Name.StartsWith("fastpath.lcore.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => seen[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => seen[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        runner.Stop();
        runner.Join();

        Assert.True(seen["fastpath.lcore.idle.sleeps"] >= 1);
        Assert.Equal(1, seen["fastpath.lcore.idle.wakeups"]);
        Assert.InRange(seen["fastpath.lcore.idle.asleep"], 0.001, 100);
        Assert.InRange(seen["fastpath.lcore.idle.wake_latency.mean"], 1e-9, 1);
        Assert.Equal(seen["fastpath.lcore.idle.wake_latency.mean"], seen["fastpath.lcore.idle.wake_latency.max"]);
    }

    [Fact]
    public void Poll_loop_run_takes_the_policy_too()
    {
        using var source = new FakeWakeSource();
        var task = new FakeReceiver(source);
        var counters = new PollCounters();
        using var stop = new CancellationTokenSource();
        var thread = new Thread(() => PollLoop.Run([task], stop.Token, counters: counters, idle: s_interrupt));
        thread.Start();
        Assert.True(SpinWait.SpinUntil(() => counters.Idle.Sleeps == 1, TimeSpan.FromSeconds(5)));
        source.Produce([7]);
        Assert.True(SpinWait.SpinUntil(() => task.Received.Count == 1, TimeSpan.FromSeconds(5)));
        stop.Cancel();
        thread.Join();
        Assert.Equal(1UL, counters.Idle.Wakeups);
    }

    /// <summary>A queue of numbers with an eventfd its producer signals, like a ring whose consumer may sleep.</summary>
    private sealed class FakeWakeSource : IRxQueue, IWakeSource, IDisposable
    {
        private readonly EventFd _signal = EventFd.Create();
        private int _arms;
        private int _disarms;
        private int _refusals;

        public ConcurrentQueue<int> Frames { get; } = new();

        public Action? OnFirstArm { get; set; }

        public Func<bool>? Refuse { get; set; }

        public int Arms => Volatile.Read(ref _arms);

        public int Disarms => Volatile.Read(ref _disarms);

        public int Refusals => Volatile.Read(ref _refusals);

        public int Index => 0;

        public IWakeSource WakeSource => this;

        public SafeHandle Handle => _signal;

        public void Produce(IEnumerable<int> frames, bool signal = true)
        {
            foreach (int frame in frames)
            {
                Frames.Enqueue(frame);
            }

            if (signal)
            {
                _signal.Signal();
            }
        }

        public bool Arm()
        {
            if (Interlocked.Increment(ref _arms) == 1)
            {
                OnFirstArm?.Invoke();
            }

            if (!Frames.IsEmpty || (Refuse?.Invoke() ?? false))
            {
                Interlocked.Increment(ref _refusals);
                return false;
            }

            return true;
        }

        public void Disarm()
        {
            Interlocked.Increment(ref _disarms);
            _signal.TryRead(out _);
        }

        public int RxBurst(Span<Packet> packets) => 0;

        public void Dispose() => _signal.Dispose();
    }

    private sealed class NoWakeQueue : IRxQueue
    {
        public int Index => 0;

        public int RxBurst(Span<Packet> packets) => 0;
    }

    private sealed class FakeReceiver : IReceivingTask
    {
        private readonly FakeWakeSource?[] _sources;

        public FakeReceiver(params FakeWakeSource?[] sources)
        {
            _sources = sources;
            ReceiveQueues = [.. sources.Select(s => new PolledQueue(s is null ? "'null:'" : "'fake'", s ?? (IRxQueue)new NoWakeQueue()))];
        }

        public List<int> Received { get; } = [];

        public int Flushes { get; private set; }

        public IReadOnlyList<PolledQueue> ReceiveQueues { get; }

        public bool IsFinished => false;

        public int Poll()
        {
            int n = 0;
            foreach (FakeWakeSource? source in _sources)
            {
                while (source is not null && n < 32 && source.Frames.TryDequeue(out int frame))
                {
                    lock (Received)
                    {
                        Received.Add(frame);
                    }

                    n++;
                }
            }

            return n;
        }

        public void Finish()
        {
        }

        public void Flush() => Flushes++;
    }

    private sealed class Generator : IPollingTask
    {
        public bool IsFinished => false;

        public int Poll() => 1;

        public void Finish()
        {
        }
    }
}
