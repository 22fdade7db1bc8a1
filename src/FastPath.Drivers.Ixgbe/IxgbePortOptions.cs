using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Intel.Tx;
using FastPath.Drivers.Ixgbe.Rss;
using FastPath.Net;

namespace FastPath.Drivers.Ixgbe;

/// <summary>How an 82599 port is set up.</summary>
public sealed record IxgbePortOptions
{
    /// <summary>The most queues of each kind this driver configures (one MSI-X vector and statistics set each).</summary>
    public const int MaxQueues = 16;

    /// <summary>The port number stamped into received packets.</summary>
    public ushort PortId { get; init; }

    /// <summary>Receive queues; frames are spread over them by RSS.</summary>
    public int RxQueues { get; init; } = 1;

    /// <summary>Transmit queues.</summary>
    public int TxQueues { get; init; } = 1;

    /// <summary>Receive ring sizes and thresholds.</summary>
    public RxQueueOptions Rx { get; init; } = new();

    /// <summary>Transmit ring sizes and thresholds.</summary>
    public TxQueueOptions Tx { get; init; } = new();

    /// <summary>
    /// The largest frame received or sent, CRC excluded: 1514 for standard Ethernet, up to 9018 (9000-byte MTU with
    /// Ethernet header and VLAN tag; 9022 bytes on the wire) with jumbo frames. Above 1514 jumbo reception is enabled.
    /// </summary>
    public int MaxFrameSize { get; init; } = 1514;

    /// <summary>
    /// Whether a receive queue without free descriptors drops the frame at once (SRRCTL.DROP_EN, 82599 8.2.3.8.7), so
    /// one slow queue cannot block the others; false keeps the frame in the packet buffer until descriptors are
    /// posted, as a lossless link with flow control needs.
    /// </summary>
    public bool DropWhenRingFull { get; init; } = true;

    /// <summary>Accept every unicast and multicast frame.</summary>
    public bool Promiscuous { get; init; }

    /// <summary>Overrides the MAC address read from the EEPROM.</summary>
    public MacAddress? MacAddress { get; init; }

    /// <summary>RSS key and hashed fields, used with more than one receive queue.</summary>
    public RssConfiguration Rss { get; init; } = new();

    /// <summary>
    /// When set, a receive queue that found nothing for this long may sleep on its MSI-X interrupt
    /// (<see cref="IxgbeRxQueue{TRegisters}.WaitWhenIdle"/>); null keeps pure polling and no interrupts.
    /// </summary>
    public TimeSpan? IdleInterruptThreshold { get; init; }

    /// <summary>The smallest interval between two interrupts of a vector (EITR), rounded to 2 µs.</summary>
    public TimeSpan InterruptThrottle { get; init; } = TimeSpan.FromMicroseconds(20);

    /// <summary>How long to wait for the link after start.</summary>
    public TimeSpan LinkTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long reset, EEPROM auto-read, DMA init and queue enable handshakes may take.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when the options are inconsistent.</summary>
    public void Validate()
    {
        if (RxQueues is < 1 or > MaxQueues || TxQueues is < 1 or > MaxQueues)
        {
            throw new ArgumentOutOfRangeException(nameof(RxQueues), $"An 82599 port is driven here with 1 to {MaxQueues} receive and transmit queues; {RxQueues} and {TxQueues} were asked.");
        }

        if (MaxFrameSize is < 60 or > 9018)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFrameSize), $"The maximum frame size must be from 60 to 9018 bytes (CRC excluded); {MaxFrameSize} was given.");
        }

        Rx.Validate();
        Tx.Validate();
    }
}
