using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Intel.Tx;
using FastPath.Net;
using FastPath.Ports;

namespace FastPath.Drivers.Intel;

/// <summary>
/// The settings an 82599 port and an 82576 port share: queue counts, ring sizes, frame size, filters, MAC address,
/// idle mode and timeouts. Each driver's options add what is its own (RSS layout, queue limits, drop policy).
/// </summary>
public abstract record IntelPortOptions
{
    /// <summary>The port number stamped into received packets.</summary>
    public ushort PortId { get; init; }

    /// <summary>Receive queues; more than one spreads frames over them by RSS.</summary>
    public int RxQueues { get; init; } = 1;

    /// <summary>Transmit queues.</summary>
    public int TxQueues { get; init; } = 1;

    /// <summary>Receive ring sizes and thresholds.</summary>
    public RxQueueOptions Rx { get; init; } = new();

    /// <summary>Transmit ring sizes and thresholds.</summary>
    public TxQueueOptions Tx { get; init; } = new();

    /// <summary>Bytes an 802.1Q tag adds to a frame; a tagged frame may exceed <see cref="MaxFrameSize"/> by this much.</summary>
    public const int VlanTagLength = 4;

    /// <summary>
    /// The largest untagged frame received, CRC excluded (a tagged one may be <see cref="VlanTagLength"/> longer): 1514
    /// for standard Ethernet, up to <see cref="MaxFrameSizeLimit"/> with jumbo frames, which above 1514 are enabled
    /// (82599 HLREG0.JUMBOEN and MAXFRS; 82576 RCTL.LPE and RLPML). A frame longer than one receive buffer needs
    /// <see cref="RxQueueOptions.Scatter"/>.
    /// </summary>
    public int MaxFrameSize { get; init; } = 1514;

    /// <summary>The device's largest <see cref="MaxFrameSize"/>.</summary>
    public abstract int MaxFrameSizeLimit { get; }

    /// <summary>Accept every unicast and multicast frame (82599 FCTRL.UPE/MPE; 82576 RCTL.UPE/MPE).</summary>
    public bool Promiscuous { get; init; }

    /// <summary>
    /// Whether frames are spread over the receive queues by their RSS hash, which each packet then carries
    /// (<see cref="RxOffloads.RssHash"/>). Off, every frame lands on queue 0 and carries no hash.
    /// </summary>
    public bool RssHash { get; init; } = true;

    /// <summary>Overrides the MAC address the device loaded from its EEPROM (written to RAL0/RAH0).</summary>
    public MacAddress? MacAddress { get; init; }

    /// <summary>
    /// When set, a receive queue that found nothing for this long may sleep on its MSI-X interrupt
    /// (<see cref="InterruptibleRxQueue{TRegisters}.WaitWhenIdle"/>); null keeps pure polling and no interrupts.
    /// </summary>
    public TimeSpan? IdleInterruptThreshold { get; init; }

    /// <summary>The smallest interval between two interrupts of a vector (EITR: 2 µs units on the 82599, 1 µs on the 82576).</summary>
    public TimeSpan InterruptThrottle { get; init; } = TimeSpan.FromMicroseconds(20);

    /// <summary>How long start waits for the link (QEMU's igb needs ~500 ms after the auto-negotiation restart).</summary>
    public TimeSpan LinkTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long reset, EEPROM auto-read, DMA init, MDIC transactions and queue enable handshakes may take.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the transmit drain at stop waits for the queued frames to leave (TDH reaching TDT) before the queue is
    /// disabled anyway; a drain that times out is logged and counted (<c>tx_drain_timeouts</c>).
    /// </summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock the settle time after a queue stop is measured on (<see cref="Queues.DmaSettle"/>); the system clock unless a test injects one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where the device puts the receive errors in a descriptor write-back: a fact of the device these options are for
    /// (the 82599's and the 82576's differ), not a setting; its receive queues build their flag tables from it.
    /// </summary>
    public abstract RxErrorLayout RxErrorLayout { get; }

    /// <summary>Throws when the options are inconsistent.</summary>
    public void Validate()
    {
        ValidateQueueCounts();
        if (MaxFrameSize < 60 || MaxFrameSize > MaxFrameSizeLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFrameSize), $"The maximum frame size must be from 60 to {MaxFrameSizeLimit} bytes (CRC excluded); {MaxFrameSize} was given.");
        }

        Rx.Validate();
        Tx.Validate();
    }

    /// <summary>Throws when <see cref="RxQueues"/> or <see cref="TxQueues"/> is beyond what the device's driver configures.</summary>
    protected abstract void ValidateQueueCounts();
}
