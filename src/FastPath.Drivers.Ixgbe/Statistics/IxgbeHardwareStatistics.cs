namespace FastPath.Drivers.Ixgbe.Statistics;

/// <summary>The 82599's own counters, accumulated from its clear-on-read registers into 64-bit totals.</summary>
public sealed record IxgbeHardwareStatistics
{
    /// <summary>GPRC: good frames received.</summary>
    public ulong GoodPacketsReceived { get; init; }

    /// <summary>GPTC: good frames transmitted.</summary>
    public ulong GoodPacketsTransmitted { get; init; }

    /// <summary>GORC: octets of the good frames received.</summary>
    public ulong GoodOctetsReceived { get; init; }

    /// <summary>GOTC: octets of the good frames transmitted.</summary>
    public ulong GoodOctetsTransmitted { get; init; }

    /// <summary>Sum of MPC(0..7): frames missed because the receive packet buffer was full.</summary>
    public ulong MissedPackets { get; init; }

    /// <summary>CRCERRS: frames received with a bad CRC.</summary>
    public ulong CrcErrors { get; init; }

    /// <summary>RLEC: frames received with a length error (too short, or longer than the maximum frame size).</summary>
    public ulong LengthErrors { get; init; }

    /// <summary>RUC: frames shorter than 64 bytes with a valid CRC.</summary>
    public ulong UndersizeFrames { get; init; }

    /// <summary>ROC: frames longer than the maximum frame (MAXFRS.MFS, plus a VLAN tag) with a valid CRC, dropped by the MAC.</summary>
    public ulong OversizeFrames { get; init; }

    /// <summary>QPRC per queue: frames received on the queue.</summary>
    public IReadOnlyList<ulong> QueuePacketsReceived { get; init; } = [];

    /// <summary>QBRC per queue: bytes received on the queue.</summary>
    public IReadOnlyList<ulong> QueueBytesReceived { get; init; } = [];

    /// <summary>QPRDC per queue: frames dropped because the queue had no free descriptor.</summary>
    public IReadOnlyList<ulong> QueuePacketsDropped { get; init; } = [];

    /// <summary>QPTC per queue: frames transmitted from the queue.</summary>
    public IReadOnlyList<ulong> QueuePacketsTransmitted { get; init; } = [];

    /// <summary>QBTC per queue: bytes transmitted from the queue.</summary>
    public IReadOnlyList<ulong> QueueBytesTransmitted { get; init; } = [];
}
