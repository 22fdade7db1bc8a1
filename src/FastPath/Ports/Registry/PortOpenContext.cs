using FastPath.Lcores;
using Microsoft.Extensions.Logging;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Registry;

/// <summary>What an application gives a driver to open a port with.</summary>
public sealed record PortOpenContext
{
    /// <summary>The port's id in the application (its position on the command line).</summary>
    public required int PortId { get; init; }

    /// <summary>The pool receive buffers come from.</summary>
    public required PacketPool Pool { get; init; }

    /// <summary>
    /// How many queue pairs the application will use; a spec's <c>queues=N</c> overrides it where the kind
    /// supports it.
    /// </summary>
    public int QueueCount { get; init; } = 1;

    /// <summary>
    /// The lcores' idle policy: in interrupt mode, drivers whose wake sources need setting up (a NIC's MSI-X vectors)
    /// set them up, with <see cref="IdlePolicy.After"/> as the queue's own idle threshold.
    /// </summary>
    public IdlePolicy Idle { get; init; } = IdlePolicy.Poll;

    /// <summary>Where drivers log.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }
}
