namespace FastPath.Vfio.Containers;

/// <summary>An inclusive range of IO virtual addresses a container accepts mappings in.</summary>
/// <param name="Start">The first usable IOVA.</param>
/// <param name="End">The last usable IOVA (inclusive).</param>
public readonly record struct IovaRange(ulong Start, ulong End)
{
    /// <inheritdoc />
    public override string ToString() => $"0x{Start:x}-0x{End:x}";
}
