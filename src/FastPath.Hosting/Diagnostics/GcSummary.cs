using System.Globalization;

namespace FastPath.Hosting.Diagnostics;

/// <summary>
/// The garbage collector's work since the process started: collections per generation and their total pause. Both
/// applications print it last, so a run that should have collected nothing shows at a glance whether it did.
/// </summary>
/// <param name="Gen0">Collections of generation 0 (<see cref="GC.CollectionCount"/>; a gen1 or gen2 collection counts here too).</param>
/// <param name="Gen1">Collections of generation 1.</param>
/// <param name="Gen2">Collections of generation 2.</param>
/// <param name="PauseTotal">Time the runtime suspended managed threads for collections (<see cref="GC.GetTotalPauseDuration"/>).</param>
public readonly record struct GcSummary(int Gen0, int Gen1, int Gen2, TimeSpan PauseTotal)
{
    /// <summary>Reads the counts now.</summary>
    public static GcSummary Take() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    /// <summary>One line: <c>gc: gen0 N, gen1 N, gen2 N collections; pause total X ms</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"gc: gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2} collections; pause total {PauseTotal.TotalMilliseconds:0.000} ms");
}
