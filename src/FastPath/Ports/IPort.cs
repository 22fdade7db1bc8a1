using FastPath.Net;

namespace FastPath.Ports;

/// <summary>
/// A network port: a NIC driven by a poll-mode driver or a virtual port. It has receive and transmit queues, each
/// used by one lcore, and counters. Created stopped; <see cref="Start"/> enables the queues.
/// </summary>
public interface IPort : IDisposable
{
    /// <summary>The port's name, e.g. its spec string.</summary>
    string Name { get; }

    /// <summary>The port's MAC address.</summary>
    MacAddress MacAddress { get; }

    /// <summary>Number of receive queues.</summary>
    int RxQueueCount { get; }

    /// <summary>Number of transmit queues.</summary>
    int TxQueueCount { get; }

    /// <summary>Receive queue <paramref name="index"/>.</summary>
    IRxQueue GetRxQueue(int index);

    /// <summary>Transmit queue <paramref name="index"/>.</summary>
    ITxQueue GetTxQueue(int index);

    /// <summary>The link state and speed.</summary>
    LinkStatus Link { get; }

    /// <summary>Enables receive and transmit.</summary>
    void Start();

    /// <summary>Stops the queues; after it returns the port no longer touches packet buffers it was given.</summary>
    void Stop();

    /// <summary>Reads the port's counters (accumulated 64-bit totals).</summary>
    PortStatistics GetStatistics();
}
