using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Igb.Rss;
using FastPath.Drivers.Intel;
using FastPath.Drivers.Intel.Rx;

namespace FastPath.Drivers.Igb;

/// <summary>How an 82576 port is set up: the settings shared with the 82599 (<see cref="IntelPortOptions"/>), the queue limits and the RSS key.</summary>
public sealed record IgbPortOptions : IntelPortOptions
{
    /// <summary>The most receive queues the driver spreads frames over: RSS on the 82576 reaches 8 queues (datasheet 7.1.1.7).</summary>
    public const int MaxRxQueues = 8;

    /// <summary>The RSS key, used with more than one receive queue.</summary>
    public IgbRssConfiguration Rss { get; init; } = new();

    /// <inheritdoc />
    /// <remarks>
    /// 9720 bytes: the 82576 receives frames up to 9728 bytes (9.5 KB, RLPML; e1000_defines.h MAX_JUMBO_FRAME_SIZE
    /// 0x2600), which must hold the CRC and a VLAN tag besides.
    /// </remarks>
    public override int MaxFrameSizeLimit => 9720;

    /// <inheritdoc />
    /// <remarks>The 82576's (82576 datasheet 7.1.5.2: RXE 31, IPE 30, L4E 29).</remarks>
    public override RxErrorLayout RxErrorLayout => RxErrorLayout.Igb82576;

    /// <inheritdoc />
    protected override void ValidateQueueCounts()
    {
        if (RxQueues is < 1 or > MaxRxQueues)
        {
            throw new ArgumentOutOfRangeException(nameof(RxQueues), $"An 82576 port spreads frames over 1 to {MaxRxQueues} receive queues; {RxQueues} were asked.");
        }

        if (TxQueues is < 1 or > IgbRegister.QueueCount)
        {
            throw new ArgumentOutOfRangeException(nameof(TxQueues), $"An 82576 port has 1 to {IgbRegister.QueueCount} transmit queues; {TxQueues} were asked.");
        }
    }
}
