using System.Runtime.CompilerServices;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>
/// The buffers of the port's pool the kernel holds (in a fill, receive, transmit or completion ring, or in flight),
/// one slot per pool index. A buffer is marked when handed to the kernel and cleared when it comes back; after the
/// sockets are closed every marked buffer is returned to the pool, so none is lost whatever state the rings were in.
/// </summary>
internal sealed unsafe class KernelHeldBuffers(PacketPool pool)
{
    private readonly nint[] _held = new nint[pool.Capacity];

    /// <summary>How many buffers the kernel holds, a snapshot.</summary>
    public int Count => _held.Count(handle => handle != 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Mark(PacketBuffer* buffer) => _held[buffer->PoolIndex] = (nint)buffer;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Clear(PacketBuffer* buffer) => _held[buffer->PoolIndex] = 0;

    /// <summary>Returns every marked buffer to the pool; only once no socket can hand one back any more.</summary>
    /// <returns>How many there were.</returns>
    public int ReturnAll()
    {
        var one = new Packet[1];
        int returned = 0;
        for (int i = 0; i < _held.Length; i++)
        {
            if (_held[i] != 0)
            {
                one[0] = Packet.FromHandle(_held[i]);
                _held[i] = 0;
                pool.PutBulk(one);
                returned++;
            }
        }

        return returned;
    }
}
