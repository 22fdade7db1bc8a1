using System.Globalization;

namespace FastPath.Traffic.Frames;

/// <summary>
/// The IEEE 802.1Q tags a generator inserts after the source MAC: tag protocol identifier 0x8100, then the tag control
/// information — priority code point (3 bits), drop eligible indicator (1 bit, left 0) and VLAN id (12 bits). The ids
/// run from <see cref="FirstId"/> to <see cref="LastId"/>, one per frame in turn, all with <see cref="Priority"/>.
/// </summary>
public sealed record VlanTags
{
    /// <summary>The tag protocol identifier of a customer VLAN tag (IEEE 802.1Q).</summary>
    public const ushort Tpid = 0x8100;

    /// <summary>Bytes a tag adds to a frame.</summary>
    public const int TagLength = 4;

    /// <summary>The highest VLAN id a frame may carry (4095 is reserved).</summary>
    public const int MaximumId = 4094;

    /// <summary>Creates tags with ids <paramref name="firstId"/> to <paramref name="lastId"/> and priority <paramref name="priority"/>.</summary>
    /// <exception cref="FormatException">An id is outside 0 to 4094, the range runs backwards or the priority is outside 0 to 7.</exception>
    public VlanTags(int firstId, int lastId, int priority = 0)
    {
        if (firstId is < 0 or > MaximumId || lastId is < 0 or > MaximumId)
        {
            throw new FormatException($"VLAN id {(firstId is < 0 or > MaximumId ? firstId : lastId)} is out of range; give 0 to {MaximumId} (4095 is reserved).");
        }

        if (lastId < firstId)
        {
            throw new FormatException($"The VLAN range {firstId}-{lastId} runs backwards; write {lastId}-{firstId}.");
        }

        if (priority is < 0 or > 7)
        {
            throw new FormatException($"VLAN priority {priority} is out of range; give 0 to 7 (the 802.1Q priority code point).");
        }

        FirstId = firstId;
        LastId = lastId;
        Priority = priority;
    }

    /// <summary>The first VLAN id.</summary>
    public int FirstId { get; }

    /// <summary>The last VLAN id (equal to <see cref="FirstId"/> for one VLAN).</summary>
    public int LastId { get; }

    /// <summary>The priority code point, 0 to 7.</summary>
    public int Priority { get; }

    /// <summary>How many ids the range has.</summary>
    public int Count => LastId - FirstId + 1;

    /// <summary>The tag control information of the <paramref name="index"/>-th id of the range (0-based, wrapping).</summary>
    public ushort ControlAt(int index) => (ushort)((Priority << 13) | (FirstId + (index % Count)));

    /// <summary>Parses an id (<c>100</c>) or a range (<c>100-163</c>), with the priority given separately.</summary>
    /// <exception cref="FormatException">The text is neither, or a value is out of range.</exception>
    public static VlanTags Parse(string text, int priority = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        int dash = text.IndexOf('-');
        return dash < 0
            ? new VlanTags(ParseId(text), ParseId(text), priority)
            : new VlanTags(ParseId(text[..dash]), ParseId(text[(dash + 1)..]), priority);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"VLAN {(Count == 1 ? $"{FirstId}" : $"{FirstId}-{LastId}")} priority {Priority}");

    private static int ParseId(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            ? id
            : throw new FormatException($"'{text}' is not a VLAN id; give an id such as 100 or a range such as 100-163.");
}
