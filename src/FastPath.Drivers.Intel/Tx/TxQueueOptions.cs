namespace FastPath.Drivers.Intel.Tx;

/// <summary>Sizes and thresholds of one advanced transmit queue.</summary>
public sealed record TxQueueOptions
{
    /// <summary>Descriptors in the ring: a power of two.</summary>
    public int RingSize { get; init; } = 512;

    /// <summary>
    /// Whether the queue computes the IPv4, TCP and UDP checksums that packets ask for (<c>PacketFlags.Tx*Checksum</c>,
    /// through an offload context descriptor); off, those requests are ignored and packets leave as they are.
    /// </summary>
    public bool ChecksumOffload { get; init; } = true;

    /// <summary>
    /// Whether the queue inserts the 802.1Q tag a packet asks for (<c>PacketFlags.TxVlan</c> with the tag in
    /// <c>PacketBuffer.VlanTci</c>): the tag goes into the context descriptor's VLAN field and the data descriptors set
    /// DCMD.VLE (82599 datasheet 7.2.3.2.3–4; 82576 7.2.2.2–3). Off, the request is ignored and the frame leaves as it is.
    /// </summary>
    public bool VlanInsert { get; init; } = true;

    /// <summary>
    /// The RS (report status) bit is set on a frame's last descriptor once this many descriptors were queued since the
    /// previous one (DPDK's tx_rs_thresh); the device writes DD back only there, and completions are reclaimed per group.
    /// </summary>
    public int ReportStatusThreshold { get; init; } = 32;

    /// <summary>Completed buffers are reclaimed when fewer than this many descriptors are free (DPDK's tx_free_thresh).</summary>
    public int FreeThreshold { get; init; } = 32;

    /// <summary>Throws when the sizes are inconsistent.</summary>
    public void Validate()
    {
        if (RingSize < 32 || RingSize > 8192 || !System.Numerics.BitOperations.IsPow2(RingSize))
        {
            throw new ArgumentOutOfRangeException(nameof(RingSize), $"The transmit ring needs a power-of-two size from 32 to 8192; {RingSize} was given.");
        }

        if (ReportStatusThreshold < 1 || ReportStatusThreshold > RingSize / 4)
        {
            throw new ArgumentOutOfRangeException(nameof(ReportStatusThreshold), $"The RS threshold must be from 1 to a quarter of the ring ({RingSize / 4}); {ReportStatusThreshold} was given.");
        }

        if (FreeThreshold < 1 || FreeThreshold >= RingSize - ReportStatusThreshold)
        {
            throw new ArgumentOutOfRangeException(nameof(FreeThreshold), $"The free threshold must be from 1 to below ring size minus RS threshold ({RingSize - ReportStatusThreshold}); {FreeThreshold} was given.");
        }
    }
}
