namespace FastPath.Ports.Virtual.Pcap;

/// <summary>How a <see cref="PcapWriterPort"/> writes its file.</summary>
public sealed record PcapWriterPortOptions
{
    /// <summary>The port's id in the engine, stamped on every received packet; the registry assigns it.</summary>
    public ushort PortId { get; init; }

    /// <summary>The most bytes of each frame recorded; longer frames are cut (their original length is kept).</summary>
    public int SnapLength { get; init; } = PcapWriter.DefaultSnapLength;

    /// <summary>Whether timestamps are written in nanoseconds (magic a1b23c4d) instead of microseconds (a1b2c3d4).</summary>
    public bool NanosecondTimestamps { get; init; }
}
