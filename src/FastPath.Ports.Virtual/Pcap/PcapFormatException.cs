namespace FastPath.Ports.Virtual.Pcap;

/// <summary>A pcap file is malformed; <see cref="Offset"/> says where.</summary>
public sealed class PcapFormatException : IOException
{
    /// <summary>Creates the exception for a problem at <paramref name="offset"/> of <paramref name="fileName"/>.</summary>
    public PcapFormatException(string fileName, long offset, string problem)
        : base($"Malformed pcap file '{fileName}' at offset {offset} (0x{offset:x}): {problem}")
    {
        FileName = fileName;
        Offset = offset;
    }

    /// <summary>The file's path, or a description of the stream.</summary>
    public string FileName { get; }

    /// <summary>The byte offset of the malformed structure.</summary>
    public long Offset { get; }
}
