namespace L3Router;

/// <summary>Dotted-quad text for IPv4 addresses held as <see cref="uint"/> in host order (10.0.0.1 is 0x0A000001).</summary>
internal static class Ipv4Address
{
    /// <summary>Parses exactly four decimal octets 0..255 separated by dots, nothing else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        int octets = 0;
        int i = 0;
        while (true)
        {
            int start = i;
            uint value = 0;
            while (i < text.Length && i - start < 3 && char.IsAsciiDigit(text[i]))
            {
                value = value * 10 + (uint)(text[i] - '0');
                i++;
            }
            if (i == start || value > 255)
                return false;
            address = (address << 8) | value;
            octets++;
            if (octets == 4)
                return i == text.Length;
            if (i >= text.Length || text[i] != '.')
                return false;
            i++;
        }
    }

    /// <summary>Formats as A.B.C.D.</summary>
    public static string Format(uint address) =>
        $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}";
}
