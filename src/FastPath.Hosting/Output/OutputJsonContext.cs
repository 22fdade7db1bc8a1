using System.Text.Json.Serialization;

namespace FastPath.Hosting.Output;

/// <summary>
/// The source-generated serializers of <c>--output json</c> (<see cref="OutputSchema"/>): no reflection, so they stay
/// valid under trimming and NativeAOT, and the generated fast path writes straight into a reused <see cref="System.Text.Json.Utf8JsonWriter"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(IntervalRecord))]
[JsonSerializable(typeof(SummaryRecord))]
internal sealed partial class OutputJsonContext : JsonSerializerContext;
