using System.Buffers.Binary;

namespace FastPath.Ports.Virtual.Tests.Pcap;

/// <summary>Builds pcap files byte by byte, in either byte order, including broken ones.</summary>
internal static class PcapFiles
{
    public static byte[] Header(uint magic = 0xA1B2C3D4, bool bigEndian = false, ushort major = 2, uint snapLength = 65535, uint linkType = 1)
    {
        var header = new byte[24];
        Write32(header, 0, magic, bigEndian);
        Write16(header, 4, major, bigEndian);
        Write16(header, 6, 4, bigEndian);
        Write32(header, 16, snapLength, bigEndian);
        Write32(header, 20, linkType, bigEndian);
        return header;
    }

    public static byte[] Record(byte[] frame, uint seconds = 1_700_000_000, uint fraction = 0, bool bigEndian = false, int? capturedLength = null, int? originalLength = null)
    {
        var record = new byte[16 + frame.Length];
        Write32(record, 0, seconds, bigEndian);
        Write32(record, 4, fraction, bigEndian);
        Write32(record, 8, (uint)(capturedLength ?? frame.Length), bigEndian);
        Write32(record, 12, (uint)(originalLength ?? frame.Length), bigEndian);
        frame.CopyTo(record, 16);
        return record;
    }

    public static string WriteTemp(params byte[][] parts)
    {
        string path = Path.Combine(Path.GetTempPath(), $"fastpath-{Guid.NewGuid():N}.pcap");
        File.WriteAllBytes(path, parts.SelectMany(p => p).ToArray());
        return path;
    }

    private static void Write32(byte[] buffer, int offset, uint value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(offset), value);
        }
    }

    private static void Write16(byte[] buffer, int offset, ushort value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(offset), value);
        }
    }
}
