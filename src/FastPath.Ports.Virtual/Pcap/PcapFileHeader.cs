namespace FastPath.Ports.Virtual.Pcap;

/// <summary>What a pcap file's header says about the records that follow.</summary>
/// <param name="VersionMajor">The format's major version (2).</param>
/// <param name="VersionMinor">The format's minor version (4).</param>
/// <param name="SnapLength">The most bytes of a frame any record holds.</param>
/// <param name="LinkType">The link-layer header type (1 for Ethernet).</param>
/// <param name="NanosecondTimestamps">Whether record timestamps count nanoseconds (magic a1b23c4d) rather than microseconds.</param>
/// <param name="ByteSwapped">Whether the file was written in the other byte order than this machine's.</param>
public readonly record struct PcapFileHeader(ushort VersionMajor, ushort VersionMinor, uint SnapLength, uint LinkType, bool NanosecondTimestamps, bool ByteSwapped);
