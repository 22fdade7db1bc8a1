using System.Diagnostics;

namespace FastPath.Lcores;

/// <summary>Runs polling tasks round-robin on the calling lcore until cancelled.</summary>
public static class PollLoop
{
    /// <summary>
    /// Polls every task in turn until <paramref name="stopping"/> is cancelled, then calls <see cref="IPollingTask.Finish"/> on
    /// each. With <paramref name="stopWhenFinished"/>, also returns once every task reports <see cref="IPollingTask.IsFinished"/>.
    /// </summary>
    /// <param name="tasks">The lcore's tasks.</param>
    /// <param name="stopping">Cancelled to stop.</param>
    /// <param name="stopWhenFinished">Whether to return once every task is finished.</param>
    /// <param name="counters">Where the loop counts its rounds and packets, or null.</param>
    /// <param name="idle">
    /// What to do on a quiet link (<see cref="IdlePolicy"/>); polling by default. In interrupt mode every task that
    /// receives must name its queues (<see cref="IReceivingTask"/>), each with a wake source.
    /// </param>
    /// <exception cref="ArgumentException">Interrupt idle mode was asked for and a receive queue has no wake source.</exception>
    public static void Run(IReadOnlyList<IPollingTask> tasks, CancellationToken stopping, bool stopWhenFinished = false, PollCounters? counters = null, IdlePolicy? idle = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        using IdleSleeper? sleeper = IdleSleeper.Create(tasks, idle ?? IdlePolicy.Poll, "this lcore");
        Run(tasks, stopping, stopWhenFinished, counters ?? (sleeper is null ? null : new PollCounters()), sleeper);
    }

    /// <summary>Runs the loop with a sleeper the caller made (and disposes of).</summary>
    internal static void Run(IReadOnlyList<IPollingTask> tasks, CancellationToken stopping, bool stopWhenFinished, PollCounters? counters, IdleSleeper? sleeper)
    {
        IPollingTask[] list = [.. tasks];
        counters?.Start();
        try
        {
            if (sleeper is null && counters is { RecordsBusyTime: true })
            {
                PollTimed(list, stopping, stopWhenFinished, counters);
            }
            else if (sleeper is null)
            {
                Poll(list, stopping, stopWhenFinished, counters);
            }
            else
            {
                sleeper.WakeOn(stopping);
                PollOrSleep(list, stopping, stopWhenFinished, counters!, sleeper);
            }
        }
        finally
        {
            foreach (IPollingTask task in list)
            {
                task.Finish();
            }
        }
    }

    private static void Poll(IPollingTask[] list, CancellationToken stopping, bool stopWhenFinished, PollCounters? counters)
    {
        while (!stopping.IsCancellationRequested)
        {
            bool allFinished = true;
            int packets = 0;
            foreach (IPollingTask task in list)
            {
                packets += task.Poll();
                allFinished &= task.IsFinished;
            }

            counters?.Record(packets);
            if (allFinished && stopWhenFinished)
            {
                break;
            }
        }
    }

    /// <summary>
    /// <see cref="Poll"/> with one clock read per round (no more: a round's time runs from the previous round's read to
    /// its own), so the counters add up the time of the rounds that handled packets.
    /// </summary>
    private static void PollTimed(IPollingTask[] list, CancellationToken stopping, bool stopWhenFinished, PollCounters counters)
    {
        long last = Stopwatch.GetTimestamp();
        while (!stopping.IsCancellationRequested)
        {
            bool allFinished = true;
            int packets = 0;
            foreach (IPollingTask task in list)
            {
                packets += task.Poll();
                allFinished &= task.IsFinished;
            }

            long now = Stopwatch.GetTimestamp();
            counters.Record(packets, now - last);
            last = now;
            if (allFinished && stopWhenFinished)
            {
                break;
            }
        }
    }

    /// <summary>
    /// The loop in interrupt idle mode: a busy round costs one branch more than <see cref="Poll"/>, an empty one a
    /// timestamp. Once the rounds have been empty for the sleeper's threshold, the lcore sleeps; the first round after
    /// a wake-up that handles a packet ends that wake-up's latency.
    /// </summary>
    private static void PollOrSleep(IPollingTask[] list, CancellationToken stopping, bool stopWhenFinished, PollCounters counters, IdleSleeper sleeper)
    {
        long idleSince = 0;
        long arrival = 0;
        bool timed = counters.RecordsBusyTime;
        while (!stopping.IsCancellationRequested)
        {
            long roundStart = timed ? Stopwatch.GetTimestamp() : 0;
            bool allFinished = true;
            int packets = 0;
            foreach (IPollingTask task in list)
            {
                packets += task.Poll();
                allFinished &= task.IsFinished;
            }

            if (timed)
            {
                counters.Record(packets, Stopwatch.GetTimestamp() - roundStart);
            }
            else
            {
                counters.Record(packets);
            }

            if (allFinished && stopWhenFinished)
            {
                break;
            }

            if (packets != 0)
            {
                idleSince = 0;
                if (arrival != 0)
                {
                    counters.RecordWakeLatency(Stopwatch.GetTimestamp() - arrival);
                    arrival = 0;
                }

                continue;
            }

            long now = Stopwatch.GetTimestamp();
            if (idleSince == 0)
            {
                idleSince = now;
            }
            else if (now - idleSince >= sleeper.AfterTicks)
            {
                idleSince = 0;
                if (sleeper.Sleep(counters, out long woke))
                {
                    arrival = woke;
                }
            }
        }
    }
}
