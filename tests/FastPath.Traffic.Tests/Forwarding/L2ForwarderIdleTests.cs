using System.Buffers.Binary;
using FastPath.Lcores;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using FastPath.Ports.Virtual.Ring;
using FastPath.Traffic.Forwarding;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace FastPath.Traffic.Tests.Forwarding;

/// <summary>
/// l2fwd's forwarder between ring ports on an lcore of its own, through the engine API: in interrupt idle mode the
/// lcore uses next to no CPU on a quiet link (measured from /proc, against poll mode over the same window), and a
/// train of bursts with gaps long enough to sleep in between arrives whole and in order.
/// </summary>
public sealed class L2ForwarderIdleTests(ITestOutputHelper output)
{
    private const int Bursts = 20;
    private const int BurstFrames = 500;
    private const string ThreadName = "idl-fwd";
    private const double IdleCpuLimitPercent = 5;
    private static readonly TimeSpan s_window = TimeSpan.FromSeconds(3);

    [Fact]
    public void Over_ring_ports_an_idle_lcore_sleeps_near_zero_cpu_and_a_burst_train_arrives_whole_and_in_order()
    {
        using PacketPool pool = TestPools.Create(8192);
        (RingPort generator, RingPort inbound) = RingPort.CreatePair(firstId: 2, secondId: 0);
        (RingPort outbound, RingPort receiver) = RingPort.CreatePair(firstId: 1, secondId: 3);
        using (generator)
        using (inbound)
        using (outbound)
        using (receiver)
        {
            foreach (RingPort port in new[] { generator, inbound, outbound, receiver })
            {
                port.Start();
            }

            ForwardingRoute[] routes = [new ForwardingRoute(0, inbound.GetRxQueue(0), 1, outbound.GetTxQueue(0), outbound.MacAddress) { RxPortName = "0 'ring in'" }];

            double pollPercent = QuietCpuPercent(routes, IdlePolicy.Poll, out _);
            double idlePercent = QuietCpuPercent(routes, IdlePolicy.Interrupt(), out IdleStatistics quiet);
            output.WriteLine($"quiet lcore over {s_window.TotalSeconds} s: poll {pollPercent:0.0}% of a core, interrupt {idlePercent:0.0}% ({quiet.Sleeps} sleeps)");
            // Poll mode takes whatever CPU the scheduler gives it (all of a core on a quiet machine, less on a shared one);
            // it must fail the limit interrupt mode has to meet, or the measurement proves nothing.
            Assert.True(pollPercent > IdleCpuLimitPercent, $"poll mode used only {pollPercent:0.0}% of a core, under the idle limit: the measurement cannot tell idle from busy");
            Assert.True(idlePercent < IdleCpuLimitPercent, $"interrupt mode used {idlePercent:0.0}% of a core on a quiet link");

            using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
            var counters = new ForwardingCounters(4);
            runner.Launch(5, [new L2Forwarder(routes, counters, macUpdating: true)], ThreadName, IdlePolicy.Interrupt());
            Assert.True(SpinWait.SpinUntil(() => runner.Snapshot()[0].Idle.Sleeps > 0, TimeSpan.FromSeconds(5)));

            int next = 0;
            int expected = 0;
            var burst = new Packet[32];
            for (int b = 0; b < Bursts; b++)
            {
                for (int sent = 0; sent < BurstFrames;)
                {
                    int n = Math.Min(burst.Length, BurstFrames - sent);
                    Assert.Equal(n, pool.Alloc(burst.AsSpan(0, n)));
                    for (int i = 0; i < n; i++)
                    {
                        burst[i].Append(64);
                        BinaryPrimitives.WriteInt32LittleEndian(burst[i].Data[16..], next++);
                    }

                    int accepted = 0;
                    while (accepted < n)
                    {
                        accepted += generator.GetTxQueue(0).TxBurst(burst.AsSpan(accepted, n - accepted));
                        expected = Receive(receiver, burst.Length, expected);
                    }

                    sent += n;
                }

                // A gap of 20 ms, a hundred times the idle threshold: the lcore goes back to sleep.
                long until = Environment.TickCount64 + 20;
                while (Environment.TickCount64 < until)
                {
                    expected = Receive(receiver, burst.Length, expected);
                }
            }

            long deadline = Environment.TickCount64 + 5000;
            while (expected < Bursts * BurstFrames && Environment.TickCount64 < deadline)
            {
                expected = Receive(receiver, burst.Length, expected);
            }

            runner.Stop();
            runner.Join();
            Assert.Equal(Bursts * BurstFrames, expected);
            IdleStatistics idle = runner.Snapshot()[0].Idle;
            output.WriteLine($"burst train: {idle.Sleeps} sleeps, {idle.Wakeups} wake-ups, wake latency mean {idle.WakeLatencyMean.TotalMicroseconds:0.0} us, max {idle.WakeLatencyMax.TotalMicroseconds:0.0} us over {idle.WakeLatencySamples} samples");
            // Each gap should put the lcore to sleep and each burst wake it; a gap in which the lcore was not scheduled
            // (CI runs the test assemblies side by side on two cores) costs one, as in a CI run that saw 19 for 20.
            // Half still shows the wake path working: with no sleeping or no wake-up it is 0.
            Assert.True(idle.Wakeups >= Bursts / 2, $"only {idle.Wakeups} wake-ups for {Bursts} bursts after gaps");
            Assert.Equal(idle.Wakeups, idle.WakeLatencySamples);
        }
    }

    private static double QuietCpuPercent(ForwardingRoute[] routes, IdlePolicy policy, out IdleStatistics idle)
    {
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
        runner.Launch(5, [new L2Forwarder(routes, new ForwardingCounters(4))], ThreadName, policy);
        Thread.Sleep(500);
        int tid = CpuTicks.ThreadNamed(Environment.ProcessId, ThreadName);
        long before = CpuTicks.OfThread(tid);
        Thread.Sleep(s_window);
        long ticks = CpuTicks.OfThread(tid) - before;
        idle = runner.Snapshot()[0].Idle;
        runner.Stop();
        runner.Join();
        return 100.0 * ticks / (s_window.TotalSeconds * CpuTicks.PerSecond);
    }

    /// <summary>Takes what the receiver end has and checks each frame carries the next sequence number.</summary>
    private static int Receive(RingPort receiver, int burstSize, int expected)
    {
        Span<Packet> burst = stackalloc Packet[burstSize];
        int n = receiver.GetRxQueue(0).RxBurst(burst);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected++, BinaryPrimitives.ReadInt32LittleEndian(burst[i].Data[16..]));
        }

        PacketPool.FreeToOwners(burst[..n]);
        return expected;
    }
}
