using System.Buffers.Binary;
using System.Globalization;

namespace FastPath.Net;

/// <summary>A 48-bit Ethernet MAC address.</summary>
public readonly struct MacAddress : IEquatable<MacAddress>, ISpanFormattable
{
    private readonly ulong _value;

    /// <summary>Creates an address from its 48-bit big-endian value (the first byte on the wire is the most significant).</summary>
    public MacAddress(ulong value) => _value = value & 0xFFFF_FFFF_FFFFUL;

    /// <summary>Creates an address from its 6 wire bytes.</summary>
    public MacAddress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 6)
        {
            throw new ArgumentException($"A MAC address has 6 bytes; {bytes.Length} were given.", nameof(bytes));
        }

        _value = ((ulong)BinaryPrimitives.ReadUInt16BigEndian(bytes) << 32) | BinaryPrimitives.ReadUInt32BigEndian(bytes[2..]);
    }

    /// <summary>ff:ff:ff:ff:ff:ff.</summary>
    public static MacAddress Broadcast => new(0xFFFF_FFFF_FFFFUL);

    /// <summary>The 48-bit value, first wire byte most significant.</summary>
    public ulong Value => _value;

    /// <summary>Whether the group (multicast) bit is set.</summary>
    public bool IsMulticast => (_value & (1UL << 40)) != 0;

    /// <summary>Writes the 6 wire bytes into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(_value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)_value);
    }

    /// <summary>Parses "02:00:00:00:00:01" (colons or dashes).</summary>
    /// <exception cref="FormatException">The text is not a MAC address.</exception>
    public static MacAddress Parse(string text) =>
        TryParse(text, out MacAddress address) ? address : throw new FormatException($"'{text}' is not a MAC address; expected six hex bytes such as 02:00:00:00:00:01.");

    /// <summary>Parses "02:00:00:00:00:01" (colons or dashes).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MacAddress address)
    {
        address = default;
        if (text.Length != 17)
        {
            return false;
        }

        ulong value = 0;
        for (int i = 0; i < 6; i++)
        {
            if (i > 0 && text[i * 3 - 1] is not (':' or '-'))
            {
                return false;
            }

            if (!byte.TryParse(text.Slice(i * 3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b))
            {
                return false;
            }

            value = (value << 8) | b;
        }

        address = new MacAddress(value);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(MacAddress other) => _value == other._value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value.GetHashCode();

    /// <summary>Compares addresses.</summary>
    public static bool operator ==(MacAddress left, MacAddress right) => left.Equals(right);

    /// <summary>Compares addresses.</summary>
    public static bool operator !=(MacAddress left, MacAddress right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => ToString(null, null);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        Span<char> buffer = stackalloc char[17];
        TryFormat(buffer, out _, default, null);
        return new string(buffer);
    }

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        if (destination.Length < 17)
        {
            return false;
        }

        for (int i = 0; i < 6; i++)
        {
            byte b = (byte)(_value >> (40 - i * 8));
            if (i > 0)
            {
                destination[i * 3 - 1] = ':';
            }

            b.TryFormat(destination.Slice(i * 3, 2), out _, "x2", CultureInfo.InvariantCulture);
        }

        charsWritten = 17;
        return true;
    }
}
