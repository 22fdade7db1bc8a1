using FastPath.Linux.Threading;
using System.Diagnostics;
using FastPath.Mempool.Pools;
using Microsoft.Extensions.Logging;

namespace FastPath.Lcores;

/// <summary>
/// Runs one worker thread per lcore, as DPDK's EAL does: each thread is pinned to its core with
/// <c>sched_setaffinity</c>, claims lcore <em>core number</em> (<see cref="Lcore.SetCurrent"/>: one thread per id, and
/// the pools' per-lcore caches), and runs its work — a loop of its own or polling tasks (<see cref="Launch(int, IReadOnlyList{IPollingTask}, string?, IdlePolicy?, bool)"/>)
/// — until the runner's token is cancelled. A worker that throws cancels the others; <see cref="Join"/> waits for all
/// and reports the failures. When a worker exits it releases its lcore, which flushes the lcore's pool caches, so a
/// stop followed by a start on the same pool finds every buffer.
/// </summary>
public sealed class LcoreRunner : IDisposable
{
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop;
    private readonly List<Thread> _threads = [];
    private readonly HashSet<int> _cores = [];
    private readonly List<Exception> _failures = [];
    private readonly IReadOnlySet<int> _isolated;
    private readonly HashSet<int> _allowed;
    private readonly bool _pin;
    private readonly List<(int Core, string Name, PollCounters Counters, Thread Thread, IdlePolicy Idle)> _pollers = [];

    /// <summary>Creates a runner whose workers stop when <paramref name="stopping"/> is cancelled or a worker fails.</summary>
    /// <param name="logger">Receives the isolation warnings and worker failures.</param>
    /// <param name="stopping">Cancelled to stop the workers.</param>
    /// <param name="pinThreads">
    /// Whether to pin each worker to its core. Without pinning, workers share whatever cores the scheduler gives
    /// them, which lets more lcores than cores run (slowly) for tests and demos.
    /// </param>
    public LcoreRunner(ILogger logger, CancellationToken stopping, bool pinThreads = true)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _pin = pinThreads;
        _isolated = IsolatedCores.Read();
        _allowed = [.. ThreadAffinity.GetAllowedCores()];
    }

    /// <summary>Cancelled when the workers are asked to stop.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>The cores this process may run on.</summary>
    public IReadOnlySet<int> AllowedCores => _allowed;

    /// <summary>
    /// Checks that every core of <paramref name="cores"/> exists and is allowed for this process, before any worker
    /// starts, so that a bad core list fails with nothing running.
    /// </summary>
    /// <exception cref="ArgumentException">A core is unknown or not allowed.</exception>
    public void Validate(IEnumerable<int> cores)
    {
        foreach (int core in cores)
        {
            if (_pin && !_allowed.Contains(core))
            {
                throw new ArgumentException($"Core {core} does not exist or is not allowed for this process (allowed: {CoreList.Format(_allowed)}); pick lcores from that list.");
            }

            if (core >= Lcore.MaxCount)
            {
                throw new ArgumentException($"Core {core} is above the highest lcore id {Lcore.MaxCount - 1}; pick a lower core.");
            }
        }
    }

    /// <summary>
    /// Starts a worker on <paramref name="core"/> that runs <paramref name="work"/> with the runner's stop token.
    /// The work must return promptly once the token is cancelled.
    /// </summary>
    /// <param name="core">The core, which is also the worker's lcore id.</param>
    /// <param name="name">The thread's name, for debuggers and logs.</param>
    /// <param name="work">The worker's loop.</param>
    /// <exception cref="ArgumentException">The core is not allowed, or already has a worker.</exception>
    public void Launch(int core, string name, Action<CancellationToken> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Validate([core]);
        if (!_cores.Add(core))
        {
            throw new ArgumentException($"Core {core} already runs a worker; two busy-polling workers on one core would halve both. Give each worker its own core.");
        }

        if (_pin && !_isolated.Contains(core))
        {
            _logger.LogWarning("Core {Core} is not isolated (isolcpus): the kernel may schedule other tasks on it and add jitter. Isolated cores: {Isolated}.",
                core, _isolated.Count == 0 ? "none" : CoreList.Format(_isolated));
        }

        var thread = new Thread(() => RunWorker(core, work))
        {
            Name = name,
            IsBackground = true,
        };
        _threads.Add(thread);
        thread.Start();
    }

    /// <summary>
    /// Starts a worker on <paramref name="core"/> that polls <paramref name="tasks"/> round-robin (<see cref="PollLoop"/>)
    /// until the runner stops, then finishes each task on its lcore. Its rounds and packets, and in interrupt idle mode
    /// its sleeps, wake-ups and wake latency, appear in <see cref="Snapshot()"/>.
    /// </summary>
    /// <param name="core">The core, which is also the worker's lcore id.</param>
    /// <param name="tasks">The lcore's tasks.</param>
    /// <param name="name">The worker's name; "lcore N" by default.</param>
    /// <param name="idle">
    /// What the lcore does on a quiet link; polling by default. In interrupt mode every queue the tasks receive from
    /// (<see cref="IReceivingTask"/>) must have a wake source, which is checked before the worker starts.
    /// </param>
    /// <param name="recordBusyTime">
    /// Whether the loop times the rounds that handle packets (<see cref="LcoreStatistics.BusyTime"/>, testpmd's
    /// <c>--record-core-cycles</c>), at the cost of one clock read per round.
    /// </param>
    /// <exception cref="ArgumentException">The core is not allowed or already has a worker, or a receive queue has no wake source.</exception>
    public void Launch(int core, IReadOnlyList<IPollingTask> tasks, string? name = null, IdlePolicy? idle = null, bool recordBusyTime = false)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        IPollingTask[] lane = [.. tasks];
        var counters = new PollCounters(recordBusyTime);
        string label = name ?? $"lcore {core}";
        IdlePolicy policy = idle ?? IdlePolicy.Poll;
        IdleSleeper? sleeper = IdleSleeper.Create(lane, policy, label);
        try
        {
            Launch(core, label, token =>
            {
                using (sleeper)
                {
                    PollLoop.Run(lane, token, stopWhenFinished: false, counters, sleeper);
                }
            });
        }
        catch
        {
            sleeper?.Dispose();
            throw;
        }

        _pollers.Add((core, label, counters, _threads[^1], policy));
    }

    /// <summary>How many polling workers have been launched.</summary>
    public int Count => _pollers.Count;

    /// <summary>What each polling worker has done so far, in launch order, as a new array.</summary>
    public LcoreStatistics[] Snapshot()
    {
        var lcores = new LcoreStatistics[_pollers.Count];
        Snapshot(lcores);
        return lcores;
    }

    /// <summary>
    /// What the first <c>destination.Length</c> polling workers have done so far, in launch order, written into
    /// <paramref name="destination"/> without allocating: what a reader that runs every interval calls.
    /// </summary>
    /// <returns>How many were written: the smaller of <see cref="Count"/> and the span's length.</returns>
    public int Snapshot(Span<LcoreStatistics> destination)
    {
        int count = Math.Min(destination.Length, _pollers.Count);
        for (int i = 0; i < count; i++)
        {
            (int core, string name, PollCounters counters, Thread thread, IdlePolicy idle) = _pollers[i];
            destination[i] = new LcoreStatistics(core, name, counters.Polls, counters.BusyPolls, counters.Packets, thread.IsAlive)
            {
                IdlePolicy = idle,
                Idle = counters.Idle,
                RecordsBusyTime = counters.RecordsBusyTime,
                BusyTime = counters.BusyTime,
            };
        }

        return count;
    }

    /// <summary>
    /// Waits, while the workers keep polling, until <paramref name="isDrained"/> says everything produced has been
    /// consumed, <paramref name="timeout"/> passes, or a worker fails. Call it after telling the sources to stop.
    /// </summary>
    /// <returns>Whether the pipeline drained.</returns>
    public bool Drain(Func<bool> isDrained, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(isDrained);
        long start = Stopwatch.GetTimestamp();
        while (!isDrained())
        {
            if (Stopwatch.GetElapsedTime(start) >= timeout || _stop.IsCancellationRequested)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        return true;
    }

    /// <summary>Asks every worker to stop.</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Waits for every worker to return.</summary>
    /// <exception cref="AggregateException">One or more workers threw; the others were stopped.</exception>
    public void Join()
    {
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }

        lock (_failures)
        {
            if (_failures.Count > 0)
            {
                throw new AggregateException("One or more lcore workers failed.", _failures);
            }
        }
    }

    private void RunWorker(int core, Action<CancellationToken> work)
    {
        try
        {
            if (_pin)
            {
                ThreadAffinity.PinCurrentThread(core);
            }

            Lcore.SetCurrent(core);
            work(_stop.Token);
        }
        catch (Exception exception)
        {
            _logger.LogCritical(exception, "The worker on lcore {Core} failed; stopping all workers.", core);
            lock (_failures)
            {
                _failures.Add(exception);
            }

            _stop.Cancel();
        }
        finally
        {
            Lcore.SetCurrent(Lcore.None);
        }
    }

    /// <summary>Stops the workers, waits for them and releases the stop token.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }

        _stop.Dispose();
    }
}
