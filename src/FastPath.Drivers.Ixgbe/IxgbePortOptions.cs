using FastPath.Drivers.Intel;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Ixgbe.Rss;

namespace FastPath.Drivers.Ixgbe;

/// <summary>How an 82599 port is set up: the settings shared with the 82576 (<see cref="IntelPortOptions"/>), the queue limit, the drop policy and RSS.</summary>
public sealed record IxgbePortOptions : IntelPortOptions
{
    /// <summary>The most queues of each kind this driver configures (one MSI-X vector and statistics set each).</summary>
    public const int MaxQueues = 16;

    /// <summary>
    /// Whether a receive queue without free descriptors drops the frame at once (SRRCTL.DROP_EN, 82599 8.2.3.8.7), so
    /// one slow queue cannot block the others; false keeps the frame in the packet buffer until descriptors are
    /// posted, as a lossless link with flow control needs.
    /// </summary>
    public bool DropWhenRingFull { get; init; } = true;

    /// <summary>RSS key and hashed fields, used with more than one receive queue.</summary>
    public RssConfiguration Rss { get; init; } = new();

    /// <inheritdoc />
    /// <remarks>9018 bytes, a 9000-byte MTU with its Ethernet header (MAXFRS.MFS then holds 9022 with the CRC; a tagged frame may be 4 bytes longer, 82599 datasheet 8.2.3.22.13).</remarks>
    public override int MaxFrameSizeLimit => 9018;

    /// <inheritdoc />
    /// <remarks>The 82599's (82599 datasheet 7.1.6.2: RXE 29, L4E 30, IPE 31).</remarks>
    public override RxErrorLayout RxErrorLayout => RxErrorLayout.Ixgbe82599;

    /// <inheritdoc />
    protected override void ValidateQueueCounts()
    {
        if (RxQueues is < 1 or > MaxQueues || TxQueues is < 1 or > MaxQueues)
        {
            throw new ArgumentOutOfRangeException(nameof(RxQueues), $"An 82599 port is driven here with 1 to {MaxQueues} receive and transmit queues; {RxQueues} and {TxQueues} were asked.");
        }
    }
}
