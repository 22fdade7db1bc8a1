namespace FastPath.Ports;

/// <summary>The descriptor ring sizes a queue takes: from <paramref name="Min"/> to <paramref name="Max"/>, in steps of <paramref name="Align"/>.</summary>
/// <param name="Min">The smallest ring.</param>
/// <param name="Max">The largest ring.</param>
/// <param name="Align">The ring size must be a multiple of this.</param>
public readonly record struct DescriptorLimits(int Min, int Max, int Align)
{
    /// <summary>A port without descriptor rings.</summary>
    public static DescriptorLimits None => default;

    /// <inheritdoc />
    public override string ToString() => Max == 0 ? "none" : $"{Min}-{Max} (multiple of {Align})";
}
