using System.Diagnostics;
using FastPath.Linux.Events;
using FastPath.Ports;

namespace FastPath.Lcores;

/// <summary>
/// The interrupt idle mode of one lcore: the wake sources of every queue its tasks receive from, in one epoll set
/// together with an eventfd the runner's stop token signals. <see cref="Sleep"/> arms every source — a source that
/// finds work already waiting refuses, and the lcore then does not sleep — waits, and disarms them all.
/// </summary>
internal sealed class IdleSleeper : IDisposable
{
    private const ulong StopToken = ulong.MaxValue;

    private readonly IWakeSource[] _sources;
    private readonly IReceivingTask[] _tasks;
    private readonly EpollWaiter _waiter = new();
    private readonly EventFd _stop = EventFd.Create();
    private readonly ulong[] _ready;
    private CancellationTokenRegistration _registration;

    private IdleSleeper(IReceivingTask[] tasks, IWakeSource[] sources, TimeSpan after)
    {
        _tasks = tasks;
        _sources = sources;
        _ready = new ulong[Math.Min(sources.Length + 1, 64)];
        AfterTicks = (long)(after.TotalSeconds * Stopwatch.Frequency);
        for (int i = 0; i < sources.Length; i++)
        {
            _waiter.Add(sources[i].Handle, (ulong)i);
        }

        _waiter.Add(_stop, StopToken);
    }

    /// <summary>How long, in Stopwatch ticks, every queue must stay empty before <see cref="Sleep"/>.</summary>
    public long AfterTicks { get; }

    /// <summary>
    /// The sleeper for <paramref name="tasks"/> under <paramref name="policy"/>; null in poll mode, or when a task does
    /// not receive (a generator must keep running, so its lcore never sleeps).
    /// </summary>
    /// <exception cref="ArgumentException">A queue the tasks receive from has no wake source.</exception>
    public static IdleSleeper? Create(IReadOnlyList<IPollingTask> tasks, IdlePolicy policy, string lcore)
    {
        if (policy.Mode == IdleMode.Poll)
        {
            return null;
        }

        var sources = new List<IWakeSource>();
        var receivers = new List<IReceivingTask>();
        foreach (IPollingTask task in tasks)
        {
            if (task is not IReceivingTask receiving)
            {
                return null;
            }

            receivers.Add(receiving);
            foreach (PolledQueue polled in receiving.ReceiveQueues)
            {
                IWakeSource source = polled.Queue.WakeSource
                    ?? throw new ArgumentException($"Port {polled.Port} has no wake source on receive queue {polled.Queue.Index}, so {lcore} cannot sleep on it in interrupt idle mode; use idle mode poll, or a port kind that can wake a sleeping lcore (ring, af_packet, af_xdp, pci opened for interrupts, a timed pcap replay).");
                if (!sources.Contains(source))
                {
                    sources.Add(source);
                }
            }
        }

        if (sources.Count == 0 || sources.Count >= 64)
        {
            throw new ArgumentException($"{lcore} receives from {sources.Count} queues; interrupt idle mode needs 1 to 63.");
        }

        return new IdleSleeper([.. receivers], [.. sources], policy.After);
    }

    /// <summary>Makes <paramref name="stopping"/> end a sleep at once.</summary>
    public void WakeOn(CancellationToken stopping) => _registration = stopping.Register(static state => ((EventFd)state!).Signal(), _stop);

    /// <summary>
    /// Flushes what the tasks buffered, arms every wake source and sleeps until one fires or the lcore is stopped, then
    /// disarms them all. Does not sleep when a source finds work while arming.
    /// </summary>
    /// <param name="counters">Where the sleep is counted.</param>
    /// <param name="arrival">The Stopwatch timestamp of the traffic that woke the lcore (0 when nothing did): where its wake latency starts.</param>
    /// <returns>Whether the lcore slept.</returns>
    public bool Sleep(PollCounters counters, out long arrival)
    {
        arrival = 0;
        foreach (IReceivingTask task in _tasks)
        {
            task.Flush();
        }

        for (int armed = 0; armed < _sources.Length; armed++)
        {
            if (!_sources[armed].Arm())
            {
                for (int i = 0; i < armed; i++)
                {
                    _sources[i].Disarm();
                }

                return false;
            }
        }

        counters.RecordSleep();
        long start = Stopwatch.GetTimestamp();
        int ready = _waiter.Wait(_ready, -1);
        long end = Stopwatch.GetTimestamp();
        bool woken = false;
        for (int i = 0; i < ready; i++)
        {
            if (_ready[i] == StopToken)
            {
                continue;
            }

            woken = true;
            long stamped = _sources[(int)_ready[i]].ArrivalTimestamp;
            if (stamped != 0 && stamped < end && (arrival == 0 || stamped < arrival))
            {
                arrival = stamped;
            }
        }

        foreach (IWakeSource source in _sources)
        {
            source.Disarm();
        }

        if (woken && arrival == 0)
        {
            arrival = end;
        }

        counters.RecordWake(end - start, woken);
        return true;
    }

    /// <summary>Unregisters from the stop token and closes the epoll set and the stop eventfd.</summary>
    public void Dispose()
    {
        _registration.Dispose();
        _waiter.Dispose();
        _stop.Dispose();
    }
}
