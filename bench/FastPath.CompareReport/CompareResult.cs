using System.Text.Json.Serialization;

namespace FastPath.CompareReport;

/// <summary>
/// bench/results/DATE-compare.json: where and how the run was made, one entry per pairing, the pairings that could
/// not be compared because a side printed no figure in any round (each with the side named), and FastPath's cost
/// against batch size (one series per benchmark; empty when the run had no sweep).
/// </summary>
public sealed record CompareResult(
    [property: JsonPropertyName("schema")] int Schema,
    [property: JsonPropertyName("machine")] IReadOnlyDictionary<string, string> Machine,
    [property: JsonPropertyName("pairings")] IReadOnlyList<PairingResult> Pairings,
    [property: JsonPropertyName("incomplete")] IReadOnlyList<string> Incomplete,
    [property: JsonPropertyName("batch")] IReadOnlyList<BatchSeries> Batch)
{
    /// <summary>The version of this layout (2 added <see cref="Batch"/>).</summary>
    public const int CurrentSchema = 2;
}

/// <summary>
/// One pairing: each side's figures over the rounds, and the ratio, which is always "FastPath's advantage": FastPath
/// Mpps / DPDK Mpps, or DPDK cycles / FastPath cycles, so that above 1.0 FastPath is ahead either way.
/// </summary>
public sealed record PairingResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("fastpath")] SideFigures FastPath,
    [property: JsonPropertyName("dpdk")] SideFigures Dpdk,
    [property: JsonPropertyName("generator")] SideFigures? Generator,
    [property: JsonPropertyName("ratio")] RatioFigures Ratio);

/// <summary>The median, least and greatest of one side's per-round figures, and the figures themselves in round order.</summary>
public sealed record SideFigures(
    [property: JsonPropertyName("median")] double Median,
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max,
    [property: JsonPropertyName("rounds")] IReadOnlyList<double> Rounds);

/// <summary>The ratio of the medians, and the range it spans from the least to the most favourable pair of rounds.</summary>
public sealed record RatioFigures(
    [property: JsonPropertyName("median")] double Median,
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max);
