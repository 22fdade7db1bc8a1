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
    public static void Run(IReadOnlyList<IPollingTask> tasks, CancellationToken stopping, bool stopWhenFinished = false, PollCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        IPollingTask[] list = [.. tasks];
        try
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
        finally
        {
            foreach (IPollingTask task in list)
            {
                task.Finish();
            }
        }
    }
}
