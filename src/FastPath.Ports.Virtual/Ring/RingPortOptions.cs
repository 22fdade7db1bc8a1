namespace FastPath.Ports.Virtual.Ring;

/// <summary>The shape of a ring link; both ends of a link share it.</summary>
public sealed record RingPortOptions
{
    /// <summary>The default number of slots in each queue's ring.</summary>
    public const int DefaultRingSize = 1024;

    /// <summary>Number of queue pairs; queue <c>i</c> of one end talks to queue <c>i</c> of the other.</summary>
    public int QueueCount { get; init; } = 1;

    /// <summary>Slots in each direction of each queue: a power of two, at least 2.</summary>
    public int RingSize { get; init; } = DefaultRingSize;

    internal void Validate()
    {
        if (QueueCount is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentException($"A ring link needs 1 to {ushort.MaxValue} queues; QueueCount is {QueueCount}.", "options");
        }

        if (RingSize < 2 || !System.Numerics.BitOperations.IsPow2(RingSize))
        {
            throw new ArgumentException($"RingSize must be a power of two of at least 2, such as {DefaultRingSize}; it is {RingSize}.", "options");
        }
    }
}
