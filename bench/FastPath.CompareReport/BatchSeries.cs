using System.Text.Json.Serialization;

namespace FastPath.CompareReport;

/// <summary>
/// One benchmark's cost against batch size: a point per burst size, ascending, and the goal's ratio (cycles per packet
/// at burst 1 over burst 32; the goal is at most <see cref="BatchSweep.GoalRatio"/>), null when either burst is missing.
/// </summary>
public sealed record BatchSeries(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("points")] IReadOnlyList<BatchPoint> Points,
    [property: JsonPropertyName("burst1_over_burst32")] double? Burst1OverBurst32)
{
    /// <summary>The point at <paramref name="burst"/>, or null.</summary>
    public BatchPoint? At(int burst) => Points.FirstOrDefault(p => p.Burst == burst);
}

/// <summary>The median, least and greatest cycles per packet at one burst size over the rounds, and the rounds' figures.</summary>
public sealed record BatchPoint(
    [property: JsonPropertyName("burst")] int Burst,
    [property: JsonPropertyName("median")] double Median,
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max,
    [property: JsonPropertyName("rounds")] IReadOnlyList<double> Rounds);
