using System.Globalization;

namespace FastPath.Hosting.Plots;

/// <summary>
/// What pktgen --rx --plot hands to the plot tool (<see cref="PlotTool"/>): the image's title and size, the frames and
/// bytes received in each second, and the latency histogram's non-empty buckets. As text, one item a line:
/// <c>fastpath-plot 1</c>, <c>title TEXT</c>, <c>size W H</c>, then <c>rate PACKETS BYTES</c> per second in order and
/// <c>latency UPPER_EDGE_NS COUNT</c> per bucket.
/// </summary>
public sealed record PlotData
{
    /// <summary>The first line, with the format's version.</summary>
    public const string Header = "fastpath-plot 1";

    /// <summary>The width of the image pktgen asks for, in pixels.</summary>
    public const int DefaultWidth = 1200;

    /// <summary>The height of the image pktgen asks for, in pixels.</summary>
    public const int DefaultHeight = 500;

    /// <summary>The title above both plots.</summary>
    public required string Title { get; init; }

    /// <summary>The image width in pixels.</summary>
    public int Width { get; init; } = DefaultWidth;

    /// <summary>The image height in pixels.</summary>
    public int Height { get; init; } = DefaultHeight;

    /// <summary>Frames and bytes received in each second, in order.</summary>
    public required IReadOnlyList<(ulong Packets, ulong Bytes)> Rates { get; init; }

    /// <summary>The latency buckets that hold probes: upper edge in nanoseconds and count, rising.</summary>
    public required IReadOnlyList<(ulong UpperEdge, ulong Count)> Latency { get; init; }

    /// <summary>Writes the data in the text form described above.</summary>
    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(Header);
        output.WriteLine($"title {Title.ReplaceLineEndings(" ")}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"size {Width} {Height}"));
        foreach ((ulong packets, ulong bytes) in Rates)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rate {packets} {bytes}"));
        }

        foreach ((ulong edge, ulong count) in Latency)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency {edge} {count}"));
        }
    }

    /// <summary>Reads data written by <see cref="Write"/>.</summary>
    /// <exception cref="FormatException">The text is not in that form; the message names the line.</exception>
    public static PlotData Read(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string? first = input.ReadLine();
        if (first != Header)
        {
            throw new FormatException($"Line 1 is '{first}', not '{Header}': this is not a FastPath plot data file (or one of another version).");
        }

        string title = "";
        int width = DefaultWidth, height = DefaultHeight;
        var rates = new List<(ulong, ulong)>();
        var latency = new List<(ulong, ulong)>();
        int number = 1;
        for (string? line = input.ReadLine(); line is not null; line = input.ReadLine())
        {
            number++;
            int space = line.IndexOf(' ');
            string key = space < 0 ? line : line[..space], rest = space < 0 ? "" : line[(space + 1)..];
            switch (key)
            {
                case "title":
                    title = rest;
                    break;
                case "size":
                    (ulong w, ulong h) = Pair(rest, number);
                    (width, height) = (checked((int)w), checked((int)h));
                    break;
                case "rate":
                    rates.Add(Pair(rest, number));
                    break;
                case "latency":
                    latency.Add(Pair(rest, number));
                    break;
                default:
                    throw new FormatException($"Line {number} starts with '{key}'; expected title, size, rate or latency.");
            }
        }

        return new PlotData { Title = title, Width = width, Height = height, Rates = rates, Latency = latency };
    }

    private static (ulong, ulong) Pair(string text, int number)
    {
        string[] parts = text.Split(' ');
        return parts.Length == 2
            && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong a)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong b)
            ? (a, b)
            : throw new FormatException($"Line {number} ('{text}') does not hold two whole numbers.");
    }
}
