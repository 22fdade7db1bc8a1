using FastPath.Mempool.Buffers;
using Microsoft.Extensions.ObjectPool;

namespace FastPath.Engine;

/// <summary>Creates batches of one burst size, and keeps only batches returned empty, so that no packet hides in the pool.</summary>
internal sealed class PacketBatchPolicy(int burstSize) : PooledObjectPolicy<PacketBatch>
{
    public override PacketBatch Create() => new(burstSize);

    public override bool Return(PacketBatch obj) => obj.Count == 0 && obj.Capacity == burstSize;
}
