namespace FastPath.Mempool.Buffers;

/// <summary>Whether a buffer is in its pool or held by someone; tracked only by pools with debug checks.</summary>
public enum PacketBufferState : byte
{
    /// <summary>In the pool (its ring or a per-core cache).</summary>
    Free = 0,

    /// <summary>Handed out by the pool.</summary>
    Allocated = 1,

    /// <summary>Handed out and linked into a chain as a later segment by <see cref="Packet.AppendSegment"/>.</summary>
    Chained = 2,
}
