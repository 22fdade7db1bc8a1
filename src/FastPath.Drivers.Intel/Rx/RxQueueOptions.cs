namespace FastPath.Drivers.Intel.Rx;

/// <summary>Sizes and thresholds of one advanced receive queue.</summary>
public sealed record RxQueueOptions
{
    /// <summary>Descriptors in the ring: a power of two, a multiple of <see cref="RefillBatch"/>.</summary>
    public int RingSize { get; init; } = 512;

    /// <summary>
    /// Consumed descriptors re-armed at once (DPDK's rx_free_thresh): buffers are taken from the pool in bulks of
    /// this size and the tail register is written once per bulk.
    /// </summary>
    public int RefillBatch { get; init; } = 32;

    /// <summary>
    /// Whether the device strips 802.1Q tags into the descriptor (the 82599 per queue, RXDCTL.VME; the 82576 for the
    /// whole port, CTRL.VME, which this one setting for all queues maps to): a stripped frame's packet then carries
    /// <c>PacketFlags.Vlan</c> and its tag in <c>VlanTci</c>. Off, tags stay in the bytes and the descriptor's VLAN bit
    /// is ignored.
    /// </summary>
    public bool VlanStrip { get; init; }

    /// <summary>
    /// Whether a frame longer than one receive buffer, which the device spreads over several descriptors (EOP only on
    /// the last), is delivered as a chain of buffers linked through <c>PacketBuffer.Next</c> (RX scatter). Off, such a
    /// frame is dropped and counted in the queue's errors.
    /// </summary>
    public bool Scatter { get; init; }

    /// <summary>How descriptors are decoded; <see langword="null"/> picks the widest accelerated path at start-up.</summary>
    public RxDecodePath? DecodePath { get; init; }

    /// <summary>Throws when the sizes are inconsistent.</summary>
    public void Validate()
    {
        if (RingSize < 32 || RingSize > 8192 || !System.Numerics.BitOperations.IsPow2(RingSize))
        {
            throw new ArgumentOutOfRangeException(nameof(RingSize), $"The receive ring needs a power-of-two size from 32 to 8192; {RingSize} was given.");
        }

        if (RefillBatch < 4 || RefillBatch > RingSize / 2 || RingSize % RefillBatch != 0 || RefillBatch % 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RefillBatch), $"The refill batch must be a multiple of 4 dividing the ring size {RingSize}, at most half of it; {RefillBatch} was given.");
        }
    }
}
