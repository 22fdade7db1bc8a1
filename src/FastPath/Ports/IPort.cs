using FastPath.Net;

namespace FastPath.Ports;

/// <summary>
/// A network port: a NIC driven by a poll-mode driver or a virtual port. It has receive and transmit queues, each
/// used by one lcore, and counters. Created stopped; <see cref="Start"/> enables the queues.
/// </summary>
public interface IPort : IDisposable
{
    /// <summary>
    /// The port's id in the engine, read-only: the registry assigns ids in opening order, and the port stamps its id
    /// on every packet it receives (<c>Packet.Port</c>).
    /// </summary>
    ushort Id { get; }

    /// <summary>The port's name, e.g. its spec string.</summary>
    string Name { get; }

    /// <summary>What the port is and can do: driver, device, limits, offloads and capabilities.</summary>
    PortInfo Info { get; }

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

    /// <summary>
    /// How the port is configured now: queues, descriptor rings, MTU. By default its queue counts, no rings, and the
    /// MTU its largest frame allows.
    /// </summary>
    PortConfiguration Configuration => new()
    {
        RxQueues = RxQueueCount,
        TxQueues = TxQueueCount,
        RxDescriptors = 0,
        TxDescriptors = 0,
        Mtu = Info.MaxFrameSize - PortConfiguration.EthernetHeaderLength,
        RxOffloads = Info.RxOffloads,
        TxOffloads = Info.TxOffloads,
    };

    /// <summary>
    /// Reconfigures a stopped port (queues, descriptor rings, MTU); <see cref="Start"/> then runs with the new
    /// configuration. Queues got before are invalid afterwards, and the counters restart from zero.
    /// </summary>
    /// <exception cref="PortCapabilityException">The port's kind cannot (<see cref="PortCapabilities.Reconfigure"/>).</exception>
    /// <exception cref="InvalidOperationException">The port is started.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is beyond the port's limits (<see cref="PortConfiguration.Validate"/>).</exception>
    /// <remarks>By default a port accepts its own configuration unchanged and refuses any change.</remarks>
    void Configure(PortConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration != Configuration)
        {
            throw new PortCapabilityException(this, PortCapabilities.Reconfigure);
        }
    }

    /// <summary>Enables receive and transmit.</summary>
    void Start();

    /// <summary>Stops the queues; after it returns the port no longer touches packet buffers it was given.</summary>
    void Stop();

    /// <summary>
    /// Reads the port's counters (accumulated 64-bit totals) without allocating, as <c>rte_eth_stats_get</c> fills
    /// the caller's structure: it returns the totals and writes the counters of the first
    /// <c>queues.Length</c> queues into <paramref name="queues"/> (pass an empty span to learn
    /// <see cref="PortCounters.QueueCount"/>). <see cref="PortStatisticsExtensions.GetStatistics"/> gives a snapshot.
    /// </summary>
    PortCounters ReadStatistics(Span<QueueStatistics> queues);

    /// <summary>
    /// Named counters, like DPDK's <c>rte_eth_xstats</c>: the plain counters and every queue's under DPDK's names
    /// (<see cref="ExtendedStatistic.From"/>), then whatever the device counts beyond them under its datasheet names.
    /// </summary>
    IReadOnlyList<ExtendedStatistic> GetExtendedStatistics();

    /// <summary>
    /// Zeroes the counters <see cref="ReadStatistics"/> and <see cref="GetExtendedStatistics"/> report, as
    /// <c>rte_eth_stats_reset</c> and <c>rte_eth_xstats_reset</c> do. Safe while the lcores run: the port subtracts a
    /// baseline instead of writing the counters the lcores own.
    /// </summary>
    void ResetStatistics();

    /// <summary>Accepts every unicast and multicast frame, whatever its destination (or stops).</summary>
    /// <exception cref="PortCapabilityException">The port's kind cannot (<see cref="PortCapabilities.Promiscuous"/>).</exception>
    void SetPromiscuous(bool enabled) => throw new PortCapabilityException(this, PortCapabilities.Promiscuous);

    /// <summary>Accepts every multicast frame (or stops).</summary>
    /// <exception cref="PortCapabilityException">The port's kind cannot (<see cref="PortCapabilities.AllMulticast"/>).</exception>
    void SetAllMulticast(bool enabled) => throw new PortCapabilityException(this, PortCapabilities.AllMulticast);

    /// <summary>Changes the port's own MAC address.</summary>
    /// <exception cref="PortCapabilityException">The port's kind cannot (<see cref="PortCapabilities.MacAddress"/>).</exception>
    void SetMacAddress(MacAddress address) => throw new PortCapabilityException(this, PortCapabilities.MacAddress);

    /// <summary>
    /// Accepts (or stops accepting) frames tagged with VLAN <paramref name="vlanId"/>. A port starts VLAN-promiscuous:
    /// every tag passes until the first id is accepted; from then on tagged frames pass only with an accepted id
    /// (untagged frames always pass). Removing the last accepted id makes the port VLAN-promiscuous again.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="vlanId"/> is not from 0 to 4095.</exception>
    /// <exception cref="PortCapabilityException">The port's kind cannot (<see cref="PortCapabilities.VlanFilter"/>).</exception>
    void SetVlanFilter(ushort vlanId, bool accept) => throw new PortCapabilityException(this, PortCapabilities.VlanFilter);

    /// <summary>Changes the largest IP packet the port sends and receives (the frame is 14 bytes longer).</summary>
    /// <exception cref="PortCapabilityException">The port's kind cannot (<see cref="PortCapabilities.Mtu"/>).</exception>
    void SetMtu(int mtu) => throw new PortCapabilityException(this, PortCapabilities.Mtu);
}
