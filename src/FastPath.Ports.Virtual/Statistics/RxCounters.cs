namespace FastPath.Ports.Virtual.Statistics;

/// <summary>
/// The receive counters of one queue. Written only by the lcore that polls the queue; other threads read them
/// (each 64-bit field is read atomically, the set is a best-effort snapshot).
/// </summary>
internal struct RxCounters
{
    /// <summary>Frames handed to the application.</summary>
    public ulong Packets;

    /// <summary>Bytes of those frames.</summary>
    public ulong Bytes;

    /// <summary>Frames dropped for lack of a buffer or ring slot.</summary>
    public ulong Missed;

    /// <summary>Frames dropped because they were malformed or too large.</summary>
    public ulong Errors;

    /// <summary>Times the mempool could not supply the buffers asked for.</summary>
    public ulong NoBuffer;
}
