namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>The Ethernet FCS: CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), appended least significant byte first.</summary>
public static class FrameCrc
{
    private static readonly uint[] s_table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc = s_table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>Whether the last four bytes of <paramref name="frame"/> are the FCS of the rest.</summary>
    public static bool IsValid(ReadOnlySpan<byte> frame) =>
        frame.Length >= 4 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(frame[^4..]) == Compute(frame[..^4]);

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
