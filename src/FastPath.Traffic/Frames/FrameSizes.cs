using System.Globalization;

namespace FastPath.Traffic.Frames;

/// <summary>
/// The sequence of frame lengths a generator cycles through: one fixed length, every length of a range in turn, or
/// IMIX (64, 570 and 1518 bytes in the ratio 7:4:1, interleaved). Sizes are given as on the wire, with the 4-byte FCS
/// (64 to 1518, or jumbo frames up to 9220, which fill a <see cref="Mempool.Buffers.PacketLayout.JumboDataRoom"/>
/// buffer; whether a port carries them is the port's <see cref="Ports.PortInfo.MaxFrameSize"/> to say); the buffers hold the frame without it, as ports count it, so <see cref="Cycle"/> and the other
/// lengths here are 4 bytes less.
/// </summary>
public sealed class FrameSizes
{
    /// <summary>The IMIX lengths and their weights.</summary>
    public static readonly (int Length, int Weight)[] ImixMix = [(64, 7), (570, 4), (1518, 1)];

    private readonly ushort[] _cycle;

    private FrameSizes(ushort[] cycle, string description)
    {
        _cycle = cycle;
        Description = description;
        Smallest = cycle.Min();
        Largest = cycle.Max();
        Average = cycle.Average(static x => (double)x);
    }

    /// <summary>The buffer lengths (without FCS) in the order they are used; the generator wraps around.</summary>
    public ReadOnlySpan<ushort> Cycle => _cycle;

    /// <summary>The shortest buffer length.</summary>
    public int Smallest { get; }

    /// <summary>The longest buffer length.</summary>
    public int Largest { get; }

    /// <summary>The average buffer length over a cycle.</summary>
    public double Average { get; }

    /// <summary>How the sizes were given, for logs.</summary>
    public string Description { get; }

    /// <summary>Every frame <paramref name="size"/> bytes long on the wire.</summary>
    public static FrameSizes Fixed(int size)
    {
        CheckSize(size);
        return new FrameSizes([(ushort)(size - FrameOffsets.FcsLength)], size.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Lengths <paramref name="smallest"/>, <paramref name="smallest"/>+1, … <paramref name="largest"/>, then again.</summary>
    public static FrameSizes Range(int smallest, int largest)
    {
        CheckSize(smallest);
        CheckSize(largest);
        if (largest < smallest)
        {
            throw new FormatException($"The frame size range {smallest}-{largest} runs backwards; write {largest}-{smallest}.");
        }

        ushort[] cycle = new ushort[largest - smallest + 1];
        for (int i = 0; i < cycle.Length; i++)
        {
            cycle[i] = (ushort)(smallest + i - FrameOffsets.FcsLength);
        }

        return new FrameSizes(cycle, string.Create(CultureInfo.InvariantCulture, $"{smallest}-{largest}"));
    }

    /// <summary>IMIX: 64, 570 and 1518-byte frames, 7:4:1, spread evenly over a cycle of 12.</summary>
    public static FrameSizes Imix() =>
        new([60, 566, 60, 60, 566, 60, 1514, 60, 566, 60, 60, 566], "imix");

    /// <summary>Parses <c>64</c>, <c>64-1518</c> or <c>imix</c>.</summary>
    /// <exception cref="FormatException">The text is none of these, or a length is out of range.</exception>
    public static FrameSizes Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Equals("imix", StringComparison.OrdinalIgnoreCase))
        {
            return Imix();
        }

        int dash = text.IndexOf('-');
        if (dash < 0)
        {
            return Fixed(ParseLength(text));
        }

        return Range(ParseLength(text[..dash]), ParseLength(text[(dash + 1)..]));
    }

    private static int ParseLength(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int length)
            ? length
            : throw new FormatException($"'{text}' is not a frame size; give a length such as 64, a range such as 64-1518, or imix.");

    private static void CheckSize(int size)
    {
        int min = FrameOffsets.MinimumFrameLength + FrameOffsets.FcsLength, max = FrameOffsets.MaximumJumboFrameLength + FrameOffsets.FcsLength;
        if (size < min || size > max)
        {
            throw new FormatException($"Frame size {size} is out of range: frames are {min} to {max} bytes on the wire (FCS included; above {FrameOffsets.MaximumFrameLength + FrameOffsets.FcsLength} only where the port takes jumbo frames).");
        }
    }
}
