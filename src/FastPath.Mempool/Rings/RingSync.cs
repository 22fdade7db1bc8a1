namespace FastPath.Mempool.Rings;

/// <summary>How many threads may use one end of a <see cref="Ring"/> at once.</summary>
public enum RingSync
{
    /// <summary>One thread at a time (cheaper: no compare-and-swap).</summary>
    Single,

    /// <summary>Any number of threads (a compare-and-swap reserves each batch).</summary>
    Multi,
}
