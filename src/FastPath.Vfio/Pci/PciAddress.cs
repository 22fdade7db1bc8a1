using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FastPath.Vfio.Pci;

/// <summary>
/// A PCI address (BDF): domain, bus, device (slot) and function, written <c>DDDD:BB:SS.F</c> in hex as in
/// <c>lspci -D</c> and sysfs, e.g. <c>0000:04:00.0</c>.
/// </summary>
public readonly record struct PciAddress : ISpanParsable<PciAddress>
{
    /// <summary>Creates an address, validating each part's range.</summary>
    public PciAddress(int domain, int bus, int device, int function)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(domain);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(domain, 0xFFFF);
        ArgumentOutOfRangeException.ThrowIfNegative(bus);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bus, 0xFF);
        ArgumentOutOfRangeException.ThrowIfNegative(device);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(device, 0x1F);
        ArgumentOutOfRangeException.ThrowIfNegative(function);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(function, 7);
        Domain = domain;
        Bus = bus;
        Device = device;
        Function = function;
    }

    /// <summary>The PCI domain (segment), 0 on most machines.</summary>
    public int Domain { get; }

    /// <summary>The bus number, 0-255.</summary>
    public int Bus { get; }

    /// <summary>The device (slot) number, 0-31.</summary>
    public int Device { get; }

    /// <summary>The function number, 0-7.</summary>
    public int Function { get; }

    /// <summary>
    /// Parses <c>DDDD:BB:SS.F</c>, or <c>BB:SS.F</c> for domain 0.
    /// </summary>
    /// <exception cref="FormatException">The text is not a PCI address; the message shows the expected form.</exception>
    public static PciAddress Parse(string text) => Parse(text.AsSpan(), null);

    /// <inheritdoc />
    public static PciAddress Parse(string s, IFormatProvider? provider) => Parse(s.AsSpan(), provider);

    /// <inheritdoc />
    public static PciAddress Parse(ReadOnlySpan<char> s, IFormatProvider? provider) =>
        TryParse(s, out PciAddress address, out string? error) ? address : throw new FormatException(error);

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PciAddress result) => TryParse(s.AsSpan(), provider, out result);

    /// <inheritdoc />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out PciAddress result) => TryParse(s, out result, out _);

    /// <summary>Parses an address, or explains what is wrong with it.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out PciAddress address, [NotNullWhen(false)] out string? error)
    {
        address = default;
        ReadOnlySpan<char> s = text.Trim();
        Span<Range> parts = stackalloc Range[4];
        int colons = s.Split(parts, ':');
        if (colons is < 2 or > 3)
        {
            error = Explain(text, "it needs the form DDDD:BB:SS.F");
            return false;
        }

        ReadOnlySpan<char> domainText = colons == 3 ? s[parts[0]] : "0000";
        ReadOnlySpan<char> busText = s[parts[colons - 2]];
        ReadOnlySpan<char> slotFunction = s[parts[colons - 1]];
        int dot = slotFunction.IndexOf('.');
        if (dot < 0)
        {
            error = Explain(text, "the function (.F) is missing");
            return false;
        }

        if (!Hex(domainText, 4, out int domain) || !Hex(busText, 2, out int bus) || !Hex(slotFunction[..dot], 2, out int device) || !Hex(slotFunction[(dot + 1)..], 1, out int function))
        {
            error = Explain(text, "each part must be hexadecimal: 4 digits of domain, 2 of bus, 2 of slot, 1 of function");
            return false;
        }

        if (device > 0x1F || function > 7)
        {
            error = Explain(text, $"slot 0x{device:x} or function {function} is out of range (slot 00-1f, function 0-7)");
            return false;
        }

        address = new PciAddress(domain, bus, device, function);
        error = null;
        return true;
    }

    /// <summary>The canonical sysfs form, e.g. <c>0000:04:00.0</c>.</summary>
    public override string ToString() => $"{Domain:x4}:{Bus:x2}:{Device:x2}.{Function:x1}";

    private static bool Hex(ReadOnlySpan<char> text, int maxDigits, out int value)
    {
        value = 0;
        return text.Length > 0 && text.Length <= maxDigits && int.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    private static string Explain(ReadOnlySpan<char> text, string problem) =>
        $"'{text}' is not a PCI address: {problem}. Write it as DDDD:BB:SS.F in hex, e.g. 0000:04:00.0 (see `lspci -D` or `fastpath-devbind status`).";
}
