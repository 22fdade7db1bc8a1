namespace FastPath.Ports.Virtual.Pcap;

/// <summary>How a <see cref="PcapReaderPort"/> replays its file.</summary>
public sealed record PcapReaderPortOptions
{
    /// <summary>The port's id in the engine, stamped on every received packet; the registry assigns it.</summary>
    public ushort PortId { get; init; }

    /// <summary>
    /// Whether frames are released at the pace they were captured (relative to the first frame of each pass), or
    /// as fast as receive is polled (the default).
    /// </summary>
    public bool HonourTimestamps { get; init; }

    /// <summary>How many times the file is replayed; 0 replays it forever.</summary>
    public int LoopCount { get; init; } = 1;
}
