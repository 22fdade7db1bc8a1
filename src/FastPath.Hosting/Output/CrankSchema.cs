namespace FastPath.Hosting.Output;

/// <summary>
/// The payload between Crank's <c>#StartJobStatistics</c> and <c>#EndJobStatistics</c> lines (Crank's docs/measurements.md,
/// "Console"): metadata describes a measurement name once, measurements are timestamped values of it. Either list may
/// be left out of a block.
/// </summary>
internal sealed class CrankStatistics
{
    public CrankMetadata[]? Metadata { get; set; }

    public CrankMeasurement[]? Measurements { get; set; }
}

/// <summary>
/// One measurement name: <see cref="Aggregate"/> combines a job's values of it, <see cref="Reduce"/> combines the
/// aggregates of several jobs (First, Last, Avg, Sum, Median, Max, Min, Count, All, Delta), <see cref="Format"/> is
/// the .NET format string Crank displays it with.
/// </summary>
internal sealed record CrankMetadata(string Source, string Name, string Aggregate, string Reduce, string ShortDescription, string LongDescription, string Format);

/// <summary>One value of a measurement name at a moment.</summary>
internal readonly record struct CrankMeasurement(string Name, DateTime Timestamp, double Value);
