namespace FastPath.Ports.Virtual.Pcap;

/// <summary>The numbers of the classic libpcap file format.</summary>
internal static class PcapFormat
{
    /// <summary>Magic of a file with microsecond timestamps, as read in the writer's byte order.</summary>
    public const uint MicrosecondMagic = 0xA1B2C3D4;

    /// <summary>Magic of a file with nanosecond timestamps.</summary>
    public const uint NanosecondMagic = 0xA1B23C4D;

    /// <summary>Bytes of the file header.</summary>
    public const int FileHeaderLength = 24;

    /// <summary>Bytes of each record header.</summary>
    public const int RecordHeaderLength = 16;

    /// <summary>The only major version of the format.</summary>
    public const ushort VersionMajor = 2;

    /// <summary>The current minor version.</summary>
    public const ushort VersionMinor = 4;

    /// <summary>LINKTYPE_ETHERNET.</summary>
    public const uint LinkTypeEthernet = 1;
}
