using System.Runtime.InteropServices;

namespace FastPath.Mempool.Rings;

/// <summary>
/// The producer and consumer head/tail indexes of a ring, each pair on its own 128-byte block so that producers
/// and consumers do not share cache lines (128 rather than 64 bytes also defeats the adjacent-line prefetcher).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct RingIndexes
{
    [FieldOffset(0)] public uint ProducerHead;
    [FieldOffset(4)] public uint ProducerTail;
    [FieldOffset(128)] public uint ConsumerHead;
    [FieldOffset(132)] public uint ConsumerTail;
}
