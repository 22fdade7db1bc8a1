namespace FastPath.Mempool.Buffers;

/// <summary>
/// The segments of a packet, first to last, each as the span of its frame bytes: what
/// <c>foreach (Span&lt;byte&gt; part in packet.Segments)</c> walks. Allocates nothing.
/// </summary>
public unsafe ref struct PacketSegments
{
    private PacketBuffer* _next;
    private Span<byte> _current;

    internal PacketSegments(PacketBuffer* first)
    {
        _next = first;
        _current = default;
    }

    /// <summary>The segment reached by the last <see cref="MoveNext"/>.</summary>
    public readonly Span<byte> Current => _current;

    /// <summary>Returns this walker, for <c>foreach</c>.</summary>
    public readonly PacketSegments GetEnumerator() => this;

    /// <summary>Steps to the next segment.</summary>
    /// <returns>False after the last segment.</returns>
    public bool MoveNext()
    {
        PacketBuffer* segment = _next;
        if (segment == null)
        {
            return false;
        }

        _current = new Span<byte>((byte*)segment + PacketLayout.MetadataSize + segment->DataOffset, segment->DataLength);
        _next = segment->Next;
        return true;
    }
}
