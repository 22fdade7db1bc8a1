using System.Globalization;

namespace L3Router;

/// <summary>Colon-separated text for 48-bit MAC addresses held in the low 48 bits of a <see cref="ulong"/>, first byte most significant.</summary>
internal static class MacAddress
{
    /// <summary>The largest value a 48-bit MAC can hold.</summary>
    public const ulong Max = 0xFFFF_FFFF_FFFF;

    /// <summary>Parses six two-digit hex bytes separated by colons, e.g. 02:00:00:00:00:01.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ulong mac)
    {
        mac = 0;
        if (text.Length != 17)
            return false;
        for (int b = 0; b < 6; b++)
        {
            int at = b * 3;
            if (b > 0 && text[at - 1] != ':')
                return false;
            if (!byte.TryParse(text.Slice(at, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte value))
                return false;
            mac = (mac << 8) | value;
        }
        return true;
    }

    /// <summary>True when the group (multicast) bit of the first byte is set; broadcast is a group address too.</summary>
    public static bool IsGroup(ulong mac) => ((mac >> 40) & 1) != 0;

    /// <summary>Formats as six lower-case hex bytes separated by colons.</summary>
    public static string Format(ulong mac) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(byte)(mac >> 40):x2}:{(byte)(mac >> 32):x2}:{(byte)(mac >> 24):x2}:{(byte)(mac >> 16):x2}:{(byte)(mac >> 8):x2}:{(byte)mac:x2}");
}
