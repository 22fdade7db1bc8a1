namespace FastPath.Ports;

/// <summary>
/// How a port is configured: its queue pairs, the descriptor ring sizes and the MTU. A port opens configured (from its
/// spec or options); <see cref="IPort.Configure"/> changes it between <see cref="IPort.Stop"/> and
/// <see cref="IPort.Start"/>, as <c>rte_eth_dev_configure</c> and the queue setup calls do in DPDK.
/// </summary>
public sealed record PortConfiguration
{
    /// <summary>The Ethernet header a frame adds to the MTU (destination, source, EtherType).</summary>
    public const int EthernetHeaderLength = 14;

    /// <summary>Receive queues.</summary>
    public int RxQueues { get; init; } = 1;

    /// <summary>Transmit queues.</summary>
    public int TxQueues { get; init; } = 1;

    /// <summary>Descriptors in each receive ring (ignored by ports without rings).</summary>
    public int RxDescriptors { get; init; } = 512;

    /// <summary>Descriptors in each transmit ring (ignored by ports without rings).</summary>
    public int TxDescriptors { get; init; } = 512;

    /// <summary>The largest IP packet; the largest frame is <see cref="EthernetHeaderLength"/> bytes longer (FCS excluded).</summary>
    public int Mtu { get; init; } = 1500;

    /// <summary>The receive offloads to enable; null enables every one the port offers (<see cref="PortInfo.RxOffloads"/>).</summary>
    public RxOffloads? RxOffloads { get; init; }

    /// <summary>The transmit offloads to enable; null enables every one the port offers (<see cref="PortInfo.TxOffloads"/>).</summary>
    public TxOffloads? TxOffloads { get; init; }

    /// <summary>The largest frame this configuration receives, FCS excluded.</summary>
    public int MaxFrameSize => Mtu + EthernetHeaderLength;

    /// <summary>Checks the configuration against what <paramref name="port"/> can do.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is beyond the port's limits; the message names the limit.</exception>
    public void Validate(IPort port)
    {
        ArgumentNullException.ThrowIfNull(port);
        PortInfo info = port.Info;
        string who = $"Port {port.Id} '{port.Name}' ({info.Driver})";
        if (RxQueues < 1 || RxQueues > info.MaxRxQueues || TxQueues < 1 || TxQueues > info.MaxTxQueues)
        {
            throw new ArgumentOutOfRangeException(nameof(RxQueues), $"{who} takes 1 to {info.MaxRxQueues} receive and 1 to {info.MaxTxQueues} transmit queues; {RxQueues} and {TxQueues} were asked.");
        }

        if (RxOffloads is { } rx && (rx & ~info.RxOffloads) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RxOffloads), $"{who} does not offer the receive offloads {rx & ~info.RxOffloads}; it offers {info.RxOffloads}.");
        }

        if (TxOffloads is { } tx && (tx & ~info.TxOffloads) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TxOffloads), $"{who} does not offer the transmit offloads {tx & ~info.TxOffloads}; it offers {info.TxOffloads}.");
        }

        CheckRing(who, "receive", RxDescriptors, info.RxDescriptors);
        CheckRing(who, "transmit", TxDescriptors, info.TxDescriptors);
        if (Mtu < 46 || (info.MaxFrameSize > 0 && MaxFrameSize > info.MaxFrameSize))
        {
            throw new ArgumentOutOfRangeException(nameof(Mtu), $"{who} takes an MTU from 46 to {info.MaxFrameSize - EthernetHeaderLength} bytes; {Mtu} was asked.");
        }
    }

    /// <summary>
    /// Checks the configuration as <see cref="Validate"/> does, for <paramref name="port"/> that is
    /// <paramref name="started"/> or not and whose offloads cannot change.
    /// </summary>
    /// <exception cref="InvalidOperationException">The port is started.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is beyond the port's limits, or the offloads differ from the port's.</exception>
    public void ValidateForFixedOffloads(IPort port, bool started)
    {
        ThrowIfStarted(port, started);
        Validate(port);
        PortInfo info = port.Info;
        if ((RxOffloads ?? info.RxOffloads) != info.RxOffloads || (TxOffloads ?? info.TxOffloads) != info.TxOffloads)
        {
            throw new ArgumentOutOfRangeException(nameof(RxOffloads), $"Port {port.Id} '{port.Name}' ({info.Driver}) has fixed offloads (receive {info.RxOffloads}, transmit {info.TxOffloads}); configure it with those.");
        }
    }

    /// <summary>Refuses to configure a started port.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="started"/> is true.</exception>
    public static void ThrowIfStarted(IPort port, bool started)
    {
        ArgumentNullException.ThrowIfNull(port);
        if (started)
        {
            throw new InvalidOperationException($"Port {port.Id} '{port.Name}' is started; stop it before configuring it.");
        }
    }

    private static void CheckRing(string who, string direction, int size, DescriptorLimits limits)
    {
        if (limits.Max != 0 && (size < limits.Min || size > limits.Max || size % limits.Align != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"{who} takes {direction} rings of {limits} descriptors; {size} was asked.");
        }
    }
}
