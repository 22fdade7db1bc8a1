namespace FastPath.Ports;

/// <summary>Reading a port's counters as a <see cref="PortStatistics"/> snapshot.</summary>
public static class PortStatisticsExtensions
{
    /// <summary>
    /// The port's counters and every queue's as one snapshot. It allocates the snapshot; a reader that runs every
    /// interval keeps a span of its own and calls <see cref="IPort.ReadStatistics"/>.
    /// </summary>
    public static PortStatistics GetStatistics(this IPort port)
    {
        ArgumentNullException.ThrowIfNull(port);
        var queues = new QueueStatistics[port.ReadStatistics([]).QueueCount];
        PortCounters totals = port.ReadStatistics(queues);
        return PortStatistics.From(totals, queues.AsSpan(0, Math.Min(queues.Length, totals.QueueCount)));
    }
}
