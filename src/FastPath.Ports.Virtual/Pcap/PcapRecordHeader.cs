namespace FastPath.Ports.Virtual.Pcap;

/// <summary>One record of a pcap file, before its frame bytes.</summary>
/// <param name="Offset">The file offset of the record header.</param>
/// <param name="TimestampNanoseconds">The capture time, in nanoseconds since the Unix epoch.</param>
/// <param name="CapturedLength">Bytes of the frame stored in the file.</param>
/// <param name="OriginalLength">Length of the frame on the wire.</param>
public readonly record struct PcapRecordHeader(long Offset, long TimestampNanoseconds, int CapturedLength, int OriginalLength);
