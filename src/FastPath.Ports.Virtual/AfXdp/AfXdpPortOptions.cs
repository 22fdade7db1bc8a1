namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>How an <see cref="AfXdpPort"/> binds its sockets and attaches its XDP program.</summary>
public sealed record AfXdpPortOptions
{
    /// <summary>The port's id in the engine, stamped on every received packet; the registry assigns it.</summary>
    public ushort PortId { get; init; }

    /// <summary>Number of queue pairs: one AF_XDP socket each, bound to interface queues <see cref="StartQueue"/> onwards.</summary>
    public int QueueCount { get; init; } = 1;

    /// <summary>The first interface queue the port binds.</summary>
    public int StartQueue { get; init; }

    /// <summary>Where the XDP program runs.</summary>
    public AfXdpAttachMode Mode { get; init; } = AfXdpAttachMode.Auto;

    /// <summary>Copy or zero-copy sockets.</summary>
    public AfXdpCopyMode CopyMode { get; init; } = AfXdpCopyMode.Auto;

    /// <summary>Microseconds of preferred busy polling per socket call (SO_BUSY_POLL); 0 leaves busy polling off.</summary>
    public int BusyPollMicroseconds { get; init; }

    /// <summary>Frames one busy-poll round may process (SO_BUSY_POLL_BUDGET).</summary>
    public int BusyPollBudget { get; init; } = 64;

    /// <summary>Whether an XDP program already on the interface (another FastPath port's, or a foreign one) is detached.</summary>
    public bool Force { get; init; }

    /// <summary>Receive descriptors per socket: a power of two.</summary>
    public int RxRingSize { get; init; } = 2048;

    /// <summary>Transmit descriptors per socket: a power of two.</summary>
    public int TxRingSize { get; init; } = 2048;

    /// <summary>Fill ring entries per socket, a power of two: this many mempool buffers wait in the kernel per queue.</summary>
    public int FillRingSize { get; init; } = 2048;

    /// <summary>Completion ring entries per socket: a power of two, at least <see cref="TxRingSize"/>.</summary>
    public int CompletionRingSize { get; init; } = 2048;
}
