using System.Text.Json.Serialization;

namespace FastPath.Hosting.Output;

/// <summary>The source-generated serializer of Crank's statistics payload, whose property names are PascalCase as Crank's own models.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(CrankStatistics))]
internal sealed partial class CrankJsonContext : JsonSerializerContext;
