using System.Diagnostics;
using FastPath.Lcores;

namespace FastPath.Tests.Lcores;

public sealed class PollLoopBusyTimeTests
{
    [Fact]
    public void Only_the_rounds_that_handle_packets_count_as_busy_time()
    {
        // Ten busy rounds of about 1 ms and ten empty rounds of 50 ms each: the busy time holds the former only.
        var task = new AlternatingTask(rounds: 20, busy: TimeSpan.FromMilliseconds(1), idle: TimeSpan.FromMilliseconds(50));
        var counters = new PollCounters(recordBusyTime: true);

        PollLoop.Run([task], CancellationToken.None, stopWhenFinished: true, counters);

        Assert.Equal(20UL, counters.Polls);
        Assert.Equal(10UL, counters.BusyPolls);
        Assert.Equal(10UL, counters.Packets);
        Assert.InRange(counters.BusyTime, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public void Without_recording_the_busy_time_stays_zero()
    {
        var counters = new PollCounters();

        PollLoop.Run([new AlternatingTask(rounds: 4, busy: TimeSpan.FromMilliseconds(1), idle: TimeSpan.Zero)], CancellationToken.None, stopWhenFinished: true, counters);

        Assert.Equal(2UL, counters.BusyPolls);
        Assert.Equal(TimeSpan.Zero, counters.BusyTime);
        Assert.False(counters.RecordsBusyTime);
    }

    /// <summary>Even rounds spin for <c>busy</c> and handle one packet; odd rounds sleep for <c>idle</c> and handle none.</summary>
    private sealed class AlternatingTask(int rounds, TimeSpan busy, TimeSpan idle) : IPollingTask
    {
        private int _round;

        public bool IsFinished => _round >= rounds;

        public int Poll()
        {
            if (_round++ % 2 == 0)
            {
                long start = Stopwatch.GetTimestamp();
                while (Stopwatch.GetElapsedTime(start) < busy)
                {
                }

                return 1;
            }

            Thread.Sleep(idle);
            return 0;
        }

        public void Finish()
        {
        }
    }
}
