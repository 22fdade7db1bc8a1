using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FastPath.Net;

namespace FastPath.Traffic.Flows;

/// <summary>
/// A header field that takes <see cref="Count"/> consecutive values from <see cref="First"/>, one more per packet,
/// wrapping back to the first: MAC addresses, IPv4 addresses or UDP ports, as integers.
/// </summary>
/// <param name="First">The first value.</param>
/// <param name="Count">How many values, at least 1.</param>
public readonly record struct FieldRange(ulong First, uint Count)
{
    /// <summary>A field with one value.</summary>
    public static FieldRange Single(ulong value) => new(value, 1);

    /// <summary>Parses a MAC address or range, e.g. <c>02:00:00:00:00:01-02:00:00:00:00:10</c>.</summary>
    /// <exception cref="FormatException">The text names no MAC address range.</exception>
    public static FieldRange ParseMac(string text) =>
        Parse(text, text?.Length == 35 ? 17 : -1, "MAC address", 0xFFFF_FFFF_FFFFUL, "02:00:00:00:00:01-02:00:00:00:00:10",
            static s => MacAddress.TryParse(s, out MacAddress mac) ? mac.Value : null);

    /// <summary>Parses an IPv4 address or range, e.g. <c>198.18.0.1-198.18.0.254</c>.</summary>
    /// <exception cref="FormatException">The text names no IPv4 range.</exception>
    public static FieldRange ParseIpv4(string text) =>
        Parse(text, text?.IndexOf('-') ?? -1, "IPv4 address", uint.MaxValue, "198.18.0.1-198.18.0.254", static s =>
            IPAddress.TryParse(s, out IPAddress? address) && address.AddressFamily == AddressFamily.InterNetwork && s.Count(c => c == '.') == 3
                ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes())
                : null);

    /// <summary>Parses a UDP port or range, e.g. <c>1024-1279</c>.</summary>
    /// <exception cref="FormatException">The text names no port range.</exception>
    public static FieldRange ParsePort(string text) =>
        Parse(text, text?.IndexOf('-') ?? -1, "UDP port", ushort.MaxValue, "1024-1279",
            static s => ushort.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port) ? port : null);

    /// <summary>The value at position <paramref name="index"/> of the range (wrapping).</summary>
    public ulong ValueAt(ulong index) => First + index % Count;

    private static FieldRange Parse(string text, int dash, string what, ulong max, string example, Func<string, ulong?> parseOne)
    {
        ArgumentNullException.ThrowIfNull(text);
        string firstText = dash < 0 ? text : text[..dash];
        string lastText = dash < 0 ? text : text[(dash + 1)..];
        ulong? first = parseOne(firstText.Trim());
        ulong? last = parseOne(lastText.Trim());
        if (first is null || last is null)
        {
            throw new FormatException($"'{text}' is not a {what} or range; expected e.g. {example}.");
        }

        if (last < first)
        {
            throw new FormatException($"The {what} range '{text}' runs backwards; put the lower value first.");
        }

        ulong count = last.Value - first.Value + 1;
        if (count > uint.MaxValue || last > max)
        {
            throw new FormatException($"The {what} range '{text}' has more than {uint.MaxValue} values; narrow it.");
        }

        return new FieldRange(first.Value, (uint)count);
    }
}
