namespace FastPath.Lcores;

/// <summary>
/// What an lcore's interrupt idle mode has done (<see cref="LcoreStatistics.Idle"/>); all zero in poll mode. The wake
/// latency of a wake-up runs from the arrival of the traffic that woke the lcore — as the wake source stamps it
/// (<see cref="Ports.IWakeSource.ArrivalTimestamp"/>), otherwise the return from epoll — to the end of the first
/// poll round after the wake-up that handled a packet.
/// </summary>
/// <param name="Sleeps">Times the lcore went to sleep in epoll (counted as each sleep begins).</param>
/// <param name="Wakeups">Sleeps a wake source ended (the others ended because the lcore was stopped).</param>
/// <param name="Asleep">Time spent asleep.</param>
/// <param name="Running">Time since the loop started.</param>
/// <param name="WakeLatencySamples">Wake-ups whose first frame was handled, each giving one latency.</param>
/// <param name="WakeLatencyTotal">The sum of those latencies.</param>
/// <param name="WakeLatencyMax">The longest of them.</param>
public readonly record struct IdleStatistics(ulong Sleeps, ulong Wakeups, TimeSpan Asleep, TimeSpan Running, ulong WakeLatencySamples, TimeSpan WakeLatencyTotal, TimeSpan WakeLatencyMax)
{
    /// <summary>Per cent of the running time spent asleep.</summary>
    public double AsleepPercent => Running <= TimeSpan.Zero ? 0 : 100.0 * Asleep.Ticks / Running.Ticks;

    /// <summary>The mean wake latency; zero before the first sample.</summary>
    public TimeSpan WakeLatencyMean => WakeLatencySamples == 0 ? TimeSpan.Zero : WakeLatencyTotal / WakeLatencySamples;

    /// <summary>
    /// What happened between <paramref name="earlier"/> and this snapshot: the differences of the counts and times
    /// (so <see cref="AsleepPercent"/> is the interval's), with the whole run's <see cref="WakeLatencyMax"/>.
    /// </summary>
    public IdleStatistics Since(IdleStatistics earlier) => new(
        Sleeps - earlier.Sleeps,
        Wakeups - earlier.Wakeups,
        Asleep - earlier.Asleep,
        Running - earlier.Running,
        WakeLatencySamples - earlier.WakeLatencySamples,
        WakeLatencyTotal - earlier.WakeLatencyTotal,
        WakeLatencyMax);
}
