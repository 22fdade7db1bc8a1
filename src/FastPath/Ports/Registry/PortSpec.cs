using System.Globalization;

namespace FastPath.Ports.Registry;

/// <summary>
/// A parsed port spec, <c>kind[:target][:option=value|:flag]…</c>: <c>null:rx=64</c>, <c>ring:link0</c>,
/// <c>af_packet:veth0:queues=2</c>, <c>pcap:in.pcap:loop=3:timed</c>, <c>pci:0000:03:00.0</c>. The target may contain
/// colons (a PCI address): options are recognised from the end, by the names the kind's driver declares.
/// </summary>
public sealed class PortSpec
{
    private readonly Dictionary<string, string?> _options;

    private PortSpec(string text, string kind, string target, Dictionary<string, string?> options)
    {
        Text = text;
        Kind = kind;
        Target = target;
        _options = options;
    }

    /// <summary>The spec as given.</summary>
    public string Text { get; }

    /// <summary>The port kind, such as <c>af_packet</c>.</summary>
    public string Kind { get; }

    /// <summary>What the port attaches to (interface, file, ring name, PCI address); empty when the kind takes none.</summary>
    public string Target { get; }

    /// <summary>The options given, flags with a null value.</summary>
    public IReadOnlyDictionary<string, string?> Options => _options;

    /// <summary>Parses <paramref name="text"/> against the syntax <paramref name="driver"/> declares.</summary>
    /// <exception cref="UsageException">The spec does not fit the driver's syntax.</exception>
    public static PortSpec Parse(string text, PortDriver driver)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(driver);
        string[] segments = text.Split(':');
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        int end = segments.Length;
        while (end > 1)
        {
            string segment = segments[end - 1];
            int equals = segment.IndexOf('=');
            string name = equals < 0 ? segment : segment[..equals];
            bool known = equals < 0 ? driver.Flags.Contains(name) : driver.Options.Contains(name);
            if (!known)
            {
                if (equals >= 0)
                {
                    throw new UsageException($"Port spec '{text}': {driver.Kind} has no option '{name}'; {driver.Kind} takes {driver.Syntax}.");
                }

                break;
            }

            if (!options.TryAdd(name, equals < 0 ? null : segment[(equals + 1)..]))
            {
                throw new UsageException($"Port spec '{text}' gives option '{name}' twice; give it once.");
            }

            end--;
        }

        string target = string.Join(':', segments, 1, end - 1);
        if (driver.TargetName is null && target.Length > 0)
        {
            throw new UsageException($"Port spec '{text}': {driver.Kind} takes no target ('{target}' is not one of its options); {driver.Kind} takes {driver.Syntax}.");
        }

        if (driver.TargetName is not null && target.Length == 0)
        {
            throw new UsageException($"Port spec '{text}' lacks the {driver.TargetName}; {driver.Kind} takes {driver.Syntax}.");
        }

        return new PortSpec(text, driver.Kind, target, options);
    }

    /// <summary>The kind of a spec: the text before the first colon.</summary>
    public static string KindOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':');
        return colon < 0 ? text : text[..colon];
    }

    /// <summary>Whether flag <paramref name="name"/> was given.</summary>
    public bool HasFlag(string name) => _options.ContainsKey(name);

    /// <summary>The integer option <paramref name="name"/>, or <paramref name="defaultValue"/> when absent.</summary>
    /// <exception cref="UsageException">The value is not an integer from <paramref name="min"/> to <paramref name="max"/>.</exception>
    public int GetInt(string name, int defaultValue, int min, int max)
    {
        if (!_options.TryGetValue(name, out string? text))
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new UsageException($"Port spec '{Text}': {name}={text} is out of range; give a whole number from {min} to {max}.");
        }

        return value;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
