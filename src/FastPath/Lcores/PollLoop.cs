namespace FastPath.Lcores;

/// <summary>Runs polling tasks round-robin on the calling lcore until cancelled.</summary>
public static class PollLoop
{
    /// <summary>
    /// Polls every task in turn until <paramref name="stopping"/> is cancelled, then calls <see cref="IPollingTask.Finish"/> on
    /// each. With <paramref name="stopWhenFinished"/>, also returns once every task reports <see cref="IPollingTask.IsFinished"/>.
    /// </summary>
    public static void Run(IReadOnlyList<IPollingTask> tasks, CancellationToken stopping, bool stopWhenFinished = false)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        IPollingTask[] list = [.. tasks];
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                bool allFinished = true;
                foreach (IPollingTask task in list)
                {
                    task.Poll();
                    allFinished &= task.IsFinished;
                }

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
