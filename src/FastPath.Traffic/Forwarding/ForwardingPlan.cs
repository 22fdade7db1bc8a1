using FastPath.Ports;

namespace FastPath.Traffic.Forwarding;

/// <summary>
/// Lays out DPDK l2fwd's work: ports are paired (0↔1, 2↔3, …); each queue <c>q</c> of a pair is one work item, both
/// directions of it; items are dealt round-robin to the lcores, so each queue pair has exactly one lcore.
/// </summary>
public static class ForwardingPlan
{
    /// <summary>The routes of each lcore.</summary>
    /// <param name="ports">The ports, by id; an even number.</param>
    /// <param name="queuesPerPort">Queue pairs used on every port.</param>
    /// <param name="lcoreCount">How many lcores forward.</param>
    /// <exception cref="ArgumentException">The port count is odd, or there are more lcores than queue pairs to serve.</exception>
    public static List<ForwardingRoute>[] Create(IReadOnlyList<IPort> ports, int queuesPerPort, int lcoreCount)
    {
        ArgumentNullException.ThrowIfNull(ports);
        if (ports.Count < 2 || ports.Count % 2 != 0)
        {
            throw new ArgumentException($"l2fwd forwards between port pairs (0↔1, 2↔3, …) and needs an even number of ports; {ports.Count} were given.");
        }

        int items = ports.Count / 2 * queuesPerPort;
        if (lcoreCount > items)
        {
            throw new ArgumentException($"{lcoreCount} lcores but only {items} queue pair(s) to serve (one lcore each); give at most {items} lcores or more queues.");
        }

        var plan = new List<ForwardingRoute>[lcoreCount];
        for (int i = 0; i < lcoreCount; i++)
        {
            plan[i] = [];
        }

        int next = 0;
        for (int a = 0; a < ports.Count; a += 2)
        {
            int b = a + 1;
            for (int q = 0; q < queuesPerPort; q++)
            {
                List<ForwardingRoute> lane = plan[next++ % lcoreCount];
                lane.Add(new ForwardingRoute(a, ports[a].GetRxQueue(q), b, ports[b].GetTxQueue(q), ports[b].MacAddress) { RxPortName = $"{a} '{ports[a].Name}'" });
                lane.Add(new ForwardingRoute(b, ports[b].GetRxQueue(q), a, ports[a].GetTxQueue(q), ports[a].MacAddress) { RxPortName = $"{b} '{ports[b].Name}'" });
            }
        }

        return plan;
    }
}
