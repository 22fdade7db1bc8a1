namespace FastPath.Ports.Virtual.AfPacket;

/// <summary>How an <see cref="AfPacketPort"/> sets up its sockets and rings.</summary>
public sealed record AfPacketPortOptions
{
    /// <summary>The port's id in the engine, stamped on every received packet; the registry assigns it.</summary>
    public ushort PortId { get; init; }

    /// <summary>
    /// Number of queues: one packet socket each, with its own receive and transmit ring. With more than one, the
    /// sockets join a PACKET_FANOUT hash group, so each flow lands on one queue.
    /// </summary>
    public int QueueCount { get; init; } = 1;

    /// <summary>Bytes in each TPACKET_V3 receive block: a power of two, at least a page.</summary>
    public int RxBlockSize { get; init; } = 1 << 17;

    /// <summary>Receive blocks per queue.</summary>
    public int RxBlockCount { get; init; } = 32;

    /// <summary>
    /// Milliseconds after which the kernel hands over a receive block that is not full yet: the worst added latency
    /// at low rates.
    /// </summary>
    public int RxBlockTimeoutMs { get; init; } = 1;

    /// <summary>Bytes in each transmit slot, header included: a power of two; frames up to this minus 48 bytes fit.</summary>
    public int TxFrameSize { get; init; } = 2048;

    /// <summary>Transmit slots per queue (rounded up to fill whole blocks).</summary>
    public int TxFrameCount { get; init; } = 1024;

    /// <summary>Whether transmit skips the kernel's queueing discipline (PACKET_QDISC_BYPASS), as a NIC driver would.</summary>
    public bool QdiscBypass { get; init; } = true;

    /// <summary>Whether the interface is put in promiscuous mode while the port is open.</summary>
    public bool Promiscuous { get; init; } = true;
}
