namespace FastPath.Lcores;

/// <summary>
/// A polling task that receives: it names the queues it polls, so that an lcore in interrupt idle mode
/// (<see cref="IdlePolicy"/>) can sleep on their wake sources. A task that only generates is not a receiving task,
/// and an lcore that runs one never sleeps.
/// </summary>
public interface IReceivingTask : IPollingTask
{
    /// <summary>Every receive queue <see cref="IPollingTask.Poll"/> reads from.</summary>
    IReadOnlyList<PolledQueue> ReceiveQueues { get; }

    /// <summary>Sends whatever the task has buffered; called before the lcore goes to sleep, so that no frame waits out the sleep.</summary>
    void Flush();
}
