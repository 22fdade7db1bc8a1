namespace FastPath.Drivers.Igb.Statistics;

/// <summary>
/// The 82576's own counters as 64-bit totals since the port was opened (82576 datasheet 8.19, "Statistics
/// registers"; the hardware registers are 32 bits, or 64 for octet counts, and clear on read).
/// </summary>
public sealed record IgbHardwareStatistics
{
    /// <summary>GPRC: good frames received.</summary>
    public ulong GoodPacketsReceived { get; init; }

    /// <summary>GORC: octets of good frames received, CRC included.</summary>
    public ulong GoodOctetsReceived { get; init; }

    /// <summary>GPTC: good frames transmitted.</summary>
    public ulong GoodPacketsTransmitted { get; init; }

    /// <summary>GOTC: octets of good frames transmitted, CRC included.</summary>
    public ulong GoodOctetsTransmitted { get; init; }

    /// <summary>TPR: every frame received, good or bad.</summary>
    public ulong TotalPacketsReceived { get; init; }

    /// <summary>TPT: every frame transmitted.</summary>
    public ulong TotalPacketsTransmitted { get; init; }

    /// <summary>BPRC: broadcast frames received.</summary>
    public ulong BroadcastPacketsReceived { get; init; }

    /// <summary>MPRC: multicast frames received.</summary>
    public ulong MulticastPacketsReceived { get; init; }

    /// <summary>CRCERRS: frames received with a bad CRC.</summary>
    public ulong CrcErrors { get; init; }

    /// <summary>RLEC: frames received with a length error.</summary>
    public ulong LengthErrors { get; init; }

    /// <summary>RXERRC: frames received with a symbol or other PHY error.</summary>
    public ulong ReceiveErrors { get; init; }

    /// <summary>MPC: frames missed because the packet buffer was full.</summary>
    public ulong MissedPackets { get; init; }

    /// <summary>RNBC: frames that found no receive descriptor.</summary>
    public ulong NoBuffer { get; init; }

    /// <summary>RQDPC[n]: frames dropped by receive queue n (no descriptor, Drop_En set).</summary>
    public IReadOnlyList<ulong> QueuePacketsDropped { get; init; } = [];
}
