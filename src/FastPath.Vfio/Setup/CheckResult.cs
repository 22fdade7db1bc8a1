namespace FastPath.Vfio.Setup;

/// <summary>One finding of <see cref="VfioEnvironmentCheck"/>.</summary>
/// <param name="Name">What was checked, e.g. "IOMMU" or "0000:04:00.0 driver".</param>
/// <param name="Status">Pass, warning or failure.</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">What to do about a warning or failure; null when it passed.</param>
public sealed record CheckResult(string Name, CheckStatus Status, string Detail, string? Fix = null)
{
    /// <inheritdoc />
    public override string ToString() => Fix is null ? $"[{Status}] {Name}: {Detail}" : $"[{Status}] {Name}: {Detail} Fix: {Fix}";
}
