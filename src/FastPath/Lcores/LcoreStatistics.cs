namespace FastPath.Lcores;

/// <summary>What one lcore's polling loop has done so far: a snapshot from <see cref="LcoreRunner.Snapshot()"/>.</summary>
/// <param name="Core">The lcore (core) id.</param>
/// <param name="Name">The worker's name.</param>
/// <param name="Polls">Rounds of polls over the lcore's tasks.</param>
/// <param name="BusyPolls">Rounds in which some task handled at least one packet.</param>
/// <param name="Packets">Packets the tasks reported handling.</param>
/// <param name="IsRunning">Whether the worker is still running.</param>
public readonly record struct LcoreStatistics(int Core, string Name, ulong Polls, ulong BusyPolls, ulong Packets, bool IsRunning)
{
    /// <summary>Per cent of rounds that found work; 0 before the first round.</summary>
    public double BusyPercent => Polls == 0 ? 0 : 100.0 * BusyPolls / Polls;

    private readonly IdlePolicy? _idlePolicy;

    /// <summary>The lcore's idle policy; <see cref="IdlePolicy.Poll"/> unless set.</summary>
    public IdlePolicy IdlePolicy
    {
        get => _idlePolicy ?? IdlePolicy.Poll;
        init => _idlePolicy = value;
    }

    /// <summary>The sleeps, wake-ups, time asleep and wake latency of the interrupt idle mode.</summary>
    public IdleStatistics Idle { get; init; }

    /// <summary>Whether the lcore timed its busy rounds (<see cref="BusyTime"/>).</summary>
    public bool RecordsBusyTime { get; init; }

    /// <summary>The time of the rounds that handled packets (<see cref="PollCounters.BusyTime"/>); zero unless <see cref="RecordsBusyTime"/>.</summary>
    public TimeSpan BusyTime { get; init; }
}
