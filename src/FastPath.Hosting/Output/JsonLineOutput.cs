using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FastPath.Hosting.Output;

/// <summary>
/// Writes source-generated JSON values to a stream, one per line, through one <see cref="Utf8JsonWriter"/> reused for
/// every value: the writer keeps its buffer across <see cref="Utf8JsonWriter.Reset()"/>, and the generated fast path
/// serializes without reflection or boxing, so a value of a reused object allocates nothing once the buffer has grown.
/// </summary>
internal sealed class JsonLineOutput : IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;

    public JsonLineOutput(Stream stream)
    {
        _stream = stream;
        _writer = new Utf8JsonWriter(stream);
    }

    /// <summary>Writes <paramref name="before"/>, the value on one line, then <paramref name="after"/>, and flushes.</summary>
    public void Write<T>(ReadOnlySpan<byte> before, T value, JsonTypeInfo<T> info, ReadOnlySpan<byte> after)
    {
        _stream.Write(before);
        JsonSerializer.Serialize(_writer, value, info);
        _writer.Flush();
        _writer.Reset();
        _stream.Write(after);
        _stream.Flush();
    }

    public void Dispose() => _writer.Dispose();
}
