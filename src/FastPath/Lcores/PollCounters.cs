using System.Diagnostics;

namespace FastPath.Lcores;

/// <summary>
/// The counters one polling loop keeps: written only by its lcore, read by any thread (64-bit fields, so a reader
/// sees whole values, possibly a round old).
/// </summary>
public sealed class PollCounters
{
    private ulong _polls;
    private ulong _busyPolls;
    private ulong _packets;
    private long _started;
    private ulong _sleeps;
    private ulong _wakeups;
    private long _asleepTicks;
    private ulong _latencySamples;
    private long _latencyTotalTicks;
    private long _latencyMaxTicks;
    private long _busyTicks;

    /// <summary>Creates counters that, with <paramref name="recordBusyTime"/>, also time the rounds that found work.</summary>
    /// <param name="recordBusyTime">
    /// Whether the loop reads the clock once per round to add up <see cref="BusyTime"/>, the time of the rounds that
    /// handled packets (as testpmd's <c>--record-core-cycles</c> does); off by default, since the clock read costs
    /// every round.
    /// </param>
    public PollCounters(bool recordBusyTime = false) => RecordsBusyTime = recordBusyTime;

    /// <summary>Whether the loop times its busy rounds (<see cref="BusyTime"/>).</summary>
    public bool RecordsBusyTime { get; }

    /// <summary>
    /// The time spent in rounds that handled at least one packet, each from the end of the round before to its own end
    /// (in interrupt idle mode, from its own start, since a sleep may lie between rounds); zero unless
    /// <see cref="RecordsBusyTime"/>.
    /// </summary>
    public TimeSpan BusyTime => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _busyTicks));

    /// <summary>Rounds of polls over the tasks.</summary>
    public ulong Polls => Volatile.Read(ref _polls);

    /// <summary>Rounds in which some task handled at least one packet.</summary>
    public ulong BusyPolls => Volatile.Read(ref _busyPolls);

    /// <summary>Packets the tasks reported handling.</summary>
    public ulong Packets => Volatile.Read(ref _packets);

    /// <summary>The idle mode's counters so far (<see cref="IdleStatistics"/>).</summary>
    public IdleStatistics Idle
    {
        get
        {
            long started = Volatile.Read(ref _started);
            return new IdleStatistics(
                Volatile.Read(ref _sleeps),
                Volatile.Read(ref _wakeups),
                Stopwatch.GetElapsedTime(0, Volatile.Read(ref _asleepTicks)),
                started == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(started),
                Volatile.Read(ref _latencySamples),
                Stopwatch.GetElapsedTime(0, Volatile.Read(ref _latencyTotalTicks)),
                Stopwatch.GetElapsedTime(0, Volatile.Read(ref _latencyMaxTicks)));
        }
    }

    /// <summary>Counts one round that handled <paramref name="packets"/> packets (on the loop's lcore only).</summary>
    internal void Record(int packets)
    {
        _polls++;
        if (packets > 0)
        {
            _busyPolls++;
            _packets += (ulong)packets;
        }
    }

    /// <summary>Counts one round that handled <paramref name="packets"/> packets in <paramref name="ticks"/> Stopwatch ticks (on the loop's lcore only).</summary>
    internal void Record(int packets, long ticks)
    {
        _polls++;
        if (packets > 0)
        {
            _busyPolls++;
            _packets += (ulong)packets;
            Volatile.Write(ref _busyTicks, _busyTicks + ticks);
        }
    }

    /// <summary>Notes when the loop started, the base of the time asleep per cent.</summary>
    internal void Start() => Volatile.Write(ref _started, Stopwatch.GetTimestamp());

    /// <summary>Counts a sleep as it begins.</summary>
    internal void RecordSleep() => Volatile.Write(ref _sleeps, _sleeps + 1);

    /// <summary>Counts the end of a sleep of <paramref name="ticks"/> Stopwatch ticks, which a wake source ended when <paramref name="woken"/>.</summary>
    internal void RecordWake(long ticks, bool woken)
    {
        Volatile.Write(ref _asleepTicks, _asleepTicks + ticks);
        if (woken)
        {
            Volatile.Write(ref _wakeups, _wakeups + 1);
        }
    }

    /// <summary>Counts one wake latency of <paramref name="ticks"/> Stopwatch ticks.</summary>
    internal void RecordWakeLatency(long ticks)
    {
        ticks = Math.Max(0, ticks);
        Volatile.Write(ref _latencyTotalTicks, _latencyTotalTicks + ticks);
        Volatile.Write(ref _latencySamples, _latencySamples + 1);
        if (ticks > _latencyMaxTicks)
        {
            Volatile.Write(ref _latencyMaxTicks, ticks);
        }
    }
}
