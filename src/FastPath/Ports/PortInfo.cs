namespace FastPath.Ports;

/// <summary>
/// What a port is and can do, as DPDK's <c>rte_eth_dev_info</c> describes a device: its driver and device, queue
/// and descriptor limits, the largest frame, the link speeds, its offloads and the control operations it supports.
/// </summary>
public sealed record PortInfo
{
    /// <summary>The driver (port kind), e.g. <c>ixgbe</c>, <c>af_packet</c>, <c>null</c>.</summary>
    public required string Driver { get; init; }

    /// <summary>The device the port drives: a PCI address, an interface or file name; empty when none.</summary>
    public string Device { get; init; } = string.Empty;

    /// <summary>The most receive queues the port can have.</summary>
    public int MaxRxQueues { get; init; } = 1;

    /// <summary>The most transmit queues the port can have.</summary>
    public int MaxTxQueues { get; init; } = 1;

    /// <summary>The receive ring sizes the port takes; <see cref="DescriptorLimits.None"/> where it has no descriptor rings.</summary>
    public DescriptorLimits RxDescriptors { get; init; } = DescriptorLimits.None;

    /// <summary>The transmit ring sizes the port takes; <see cref="DescriptorLimits.None"/> where it has no descriptor rings.</summary>
    public DescriptorLimits TxDescriptors { get; init; } = DescriptorLimits.None;

    /// <summary>
    /// The largest frame, in bytes without the FCS, the port sends and receives: the device's limit where it receives
    /// into chains (<see cref="RxOffloads.Scatter"/>), else what one packet buffer of its pool carries.
    /// </summary>
    public int MaxFrameSize { get; init; }

    /// <summary>
    /// The bytes of frame one receive buffer holds; a longer frame arrives as a chain with <see cref="RxOffloads.Scatter"/>
    /// and is dropped without it. 0 where the port has no pool of its own (it is then <see cref="MaxFrameSize"/>).
    /// </summary>
    public int MaxRxSegmentSize { get; init; }

    /// <summary>The link speeds the port can run at, in Mbit/s; empty when the port has no physical link.</summary>
    public IReadOnlyList<int> LinkSpeedsMbps { get; init; } = [];

    /// <summary>The receive offloads the port reports into packet metadata.</summary>
    public RxOffloads RxOffloads { get; init; }

    /// <summary>The transmit offloads the port performs when a packet asks.</summary>
    public TxOffloads TxOffloads { get; init; }

    /// <summary>The control operations of <see cref="IPort"/> the port supports.</summary>
    public PortCapabilities Capabilities { get; init; }

    /// <summary>Whether the port supports every capability in <paramref name="capability"/>.</summary>
    public bool Supports(PortCapabilities capability) => (Capabilities & capability) == capability;
}
