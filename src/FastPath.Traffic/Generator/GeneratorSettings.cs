using FastPath.Mempool.Buffers;
using FastPath.Ports;
using FastPath.Traffic.Flows;
using FastPath.Traffic.Frames;
using FastPath.Traffic.Rate;

namespace FastPath.Traffic.Generator;

/// <summary>What one generator (one transmit queue) sends.</summary>
public sealed record GeneratorSettings
{
    /// <summary>The stream id written in every probe header, so a receiver keeps a sequence per generator.</summary>
    public ushort Stream { get; init; }

    /// <summary>The frame lengths to cycle through.</summary>
    public FrameSizes Sizes { get; init; } = FrameSizes.Fixed(64);

    /// <summary>The header fields that vary per packet.</summary>
    public FlowSet Flows { get; init; } = new();

    /// <summary>
    /// The pace, already resolved against the port's line rate (<see cref="RateLimit.Resolve"/>): unlimited, packets
    /// per second or wire bits per second.
    /// </summary>
    public RateLimit Rate { get; init; } = RateLimit.Unlimited;

    /// <summary>How many frames to send; 0 sends until stopped.</summary>
    public ulong Count { get; init; }

    /// <summary>
    /// The checksums the port computes instead of the generator: <see cref="TxOffloads.Ipv4Checksum"/> and/or
    /// <see cref="TxOffloads.UdpChecksum"/>. Each frame then carries the matching request flags and its L2/L3/L4 header
    /// lengths, and the generator leaves those checksum fields zero for the NIC (and its driver) to fill. With
    /// <see cref="TxOffloads.None"/> (the default) the generator writes the IPv4 header checksum and sends UDP without
    /// a checksum (zero, which RFC 768 allows over IPv4). The transmit queue must have the offloads enabled.
    /// </summary>
    public TxOffloads ChecksumOffloads { get; init; }

    /// <summary>
    /// The 802.1Q tags to insert after the source MAC, one id of the range per frame in turn; null sends untagged
    /// frames. A tag adds <see cref="VlanTags.TagLength"/> bytes to every frame of <see cref="Sizes"/>.
    /// </summary>
    public VlanTags? Vlan { get; init; }

    /// <summary>Frames per transmit burst.</summary>
    public int BurstSize { get; init; } = PacketBatch.DefaultCapacity;
}
