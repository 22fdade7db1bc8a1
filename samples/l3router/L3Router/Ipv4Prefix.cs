namespace L3Router;

/// <summary>
/// An IPv4 network prefix: a network address in host order (10.1.0.0 is 0x0A010000) and a prefix length 0..32.
/// The address may have no bits set beyond the prefix length: 10.1.2.3/16 is rejected rather than silently
/// read as 10.1.0.0/16, because a routes file that says 10.1.2.3/16 more likely holds a typo than an intent.
/// </summary>
public readonly record struct Ipv4Prefix
{
    /// <summary>Creates a prefix; throws when <paramref name="length"/> is outside 0..32 or <paramref name="network"/> has host bits set.</summary>
    /// <param name="network">Network address in host order.</param>
    /// <param name="length">Prefix length, 0..32.</param>
    public Ipv4Prefix(uint network, int length)
    {
        if ((uint)length > 32)
            throw new ArgumentOutOfRangeException(nameof(length), length, "A prefix length is 0 to 32.");
        if ((network & ~MaskOf(length)) != 0)
            throw new ArgumentException(HostBitsMessage(network, length), nameof(network));
        Network = network;
        Length = length;
    }

    /// <summary>The network address in host order; its bits beyond <see cref="Length"/> are zero.</summary>
    public uint Network { get; }

    /// <summary>The prefix length, 0..32.</summary>
    public int Length { get; }

    /// <summary>The network mask in host order (0xFFFF0000 for /16, 0 for /0).</summary>
    public uint Mask => MaskOf(Length);

    /// <summary>True when <paramref name="address"/> (host order) lies inside this prefix.</summary>
    public bool Contains(uint address) => (address & Mask) == Network;

    /// <summary>Parses A.B.C.D/LEN; throws <see cref="FormatException"/> whose message says what is wrong and how to write it.</summary>
    public static Ipv4Prefix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out Ipv4Prefix prefix, out string? error))
            throw new FormatException(error);
        return prefix;
    }

    /// <summary>Parses A.B.C.D/LEN; false on any error, including host bits set beyond the prefix.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Ipv4Prefix prefix) => TryParse(text, out prefix, out _);

    /// <summary>Parses A.B.C.D/LEN; on failure <paramref name="error"/> is one line, "cause; fix".</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, out Ipv4Prefix prefix, out string? error)
    {
        prefix = default;
        int slash = text.IndexOf('/');
        ReadOnlySpan<char> lengthText = slash < 0 ? default : text[(slash + 1)..];
        if (slash < 0 || !Ipv4Address.TryParse(text[..slash], out uint network) || lengthText.IsEmpty
            || lengthText.Length > 3 || !AllDigits(lengthText))
        {
            error = $"'{text}' is not an IPv4 prefix; write it as A.B.C.D/LEN";
            return false;
        }
        int length = int.Parse(lengthText, provider: System.Globalization.CultureInfo.InvariantCulture);
        if (length > 32)
        {
            error = $"'{text}' has prefix length {length}; use a length of 0 to 32";
            return false;
        }
        if ((network & ~MaskOf(length)) != 0)
        {
            error = HostBitsMessage(network, length);
            return false;
        }
        prefix = new Ipv4Prefix(network, length);
        error = null;
        return true;
    }

    /// <summary>Formats as A.B.C.D/LEN.</summary>
    public override string ToString() => $"{Ipv4Address.Format(Network)}/{Length}";

    private static uint MaskOf(int length) => length == 0 ? 0 : uint.MaxValue << (32 - length);

    private static string HostBitsMessage(uint network, int length) =>
        $"{Ipv4Address.Format(network)}/{length} has host bits set; write {Ipv4Address.Format(network & MaskOf(length))}/{length}";

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if (!char.IsAsciiDigit(c))
                return false;
        return true;
    }
}
