using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Igb.Rss;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Intel.Tx;
using FastPath.Net;

namespace FastPath.Drivers.Igb;

/// <summary>How an 82576 port is set up.</summary>
public sealed record IgbPortOptions
{
    /// <summary>The most receive queues the driver spreads frames over: RSS on the 82576 reaches 8 queues (datasheet 7.1.1.7).</summary>
    public const int MaxRxQueues = 8;

    /// <summary>The port number stamped into received packets.</summary>
    public ushort PortId { get; init; }

    /// <summary>Receive queues; more than one enables RSS.</summary>
    public int RxQueues { get; init; } = 1;

    /// <summary>Transmit queues.</summary>
    public int TxQueues { get; init; } = 1;

    /// <summary>Receive ring sizes and thresholds.</summary>
    public RxQueueOptions Rx { get; init; } = new();

    /// <summary>Transmit ring sizes and thresholds.</summary>
    public TxQueueOptions Tx { get; init; } = new();

    /// <summary>The largest frame received, CRC excluded: 1514 for standard Ethernet, up to 9018 with jumbo frames (RCTL.LPE and RLPML).</summary>
    public int MaxFrameSize { get; init; } = 1514;

    /// <summary>Accept every unicast and multicast frame (RCTL.UPE and RCTL.MPE).</summary>
    public bool Promiscuous { get; init; }

    /// <summary>Overrides the MAC address the device loaded from its EEPROM (written to RAL0/RAH0).</summary>
    public MacAddress? MacAddress { get; init; }

    /// <summary>The RSS key, used with more than one receive queue.</summary>
    public IgbRssConfiguration Rss { get; init; } = new();

    /// <summary>
    /// When set, a receive queue that found nothing for this long may sleep on its MSI-X interrupt
    /// (<see cref="IgbRxQueue{TRegisters}.WaitWhenIdle"/>); null keeps pure polling and no interrupts.
    /// </summary>
    public TimeSpan? IdleInterruptThreshold { get; init; }

    /// <summary>The smallest interval between two interrupts of a vector (EITR, 1 µs units on the 82576).</summary>
    public TimeSpan InterruptThrottle { get; init; } = TimeSpan.FromMicroseconds(20);

    /// <summary>How long <see cref="IgbPort{TRegisters}.Start"/> waits for the link (QEMU's igb needs ~500 ms after the auto-negotiation restart).</summary>
    public TimeSpan LinkTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long reset, EEPROM auto-read, MDIC transactions and queue enable handshakes may take.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when the options are inconsistent.</summary>
    public void Validate()
    {
        if (RxQueues is < 1 or > MaxRxQueues)
        {
            throw new ArgumentOutOfRangeException(nameof(RxQueues), $"An 82576 port spreads frames over 1 to {MaxRxQueues} receive queues; {RxQueues} were asked.");
        }

        if (TxQueues is < 1 or > IgbRegister.QueueCount)
        {
            throw new ArgumentOutOfRangeException(nameof(TxQueues), $"An 82576 port has 1 to {IgbRegister.QueueCount} transmit queues; {TxQueues} were asked.");
        }

        if (MaxFrameSize is < 60 or > 9018)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFrameSize), $"The maximum frame size must be from 60 to 9018 bytes (CRC excluded); {MaxFrameSize} was given.");
        }

        Rx.Validate();
        Tx.Validate();
    }
}
