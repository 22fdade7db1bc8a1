using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual;

/// <summary>Returns packets to their pools in one pass, counting their bytes on the way.</summary>
internal static unsafe class PacketRelease
{
    /// <summary>
    /// Frees every packet of <paramref name="packets"/>, every segment of a chain, to the pool it came from, with a
    /// single bulk put when they are single segments of one pool (the usual case).
    /// </summary>
    /// <returns>The total frame length of the freed packets (<see cref="PacketBuffer.PacketLength"/>, chains whole).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong FreeAndCountBytes(ReadOnlySpan<Packet> packets)
    {
        if (packets.IsEmpty)
        {
            return 0;
        }

        ref Packet first = ref MemoryMarshal.GetReference(packets);
        ushort poolId = first.Buffer->PoolId;
        bool onePool = true;
        bool chained = false;
        ulong bytes = 0;
        for (int i = 0; i < packets.Length; i++)
        {
            PacketBuffer* buffer = Unsafe.Add(ref first, i).Buffer;
            bytes += buffer->PacketLength;
            onePool &= buffer->PoolId == poolId;
            chained |= buffer->Next != null;
        }

        if (onePool && !chained)
        {
            PacketPool.FromId(poolId).PutBulk(packets);
        }
        else
        {
            PacketPool.FreeToOwners(packets);
        }

        return bytes;
    }

    /// <summary>The total frame length of <paramref name="packets"/>, chains whole.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CountBytes(ReadOnlySpan<Packet> packets)
    {
        ref Packet first = ref MemoryMarshal.GetReference(packets);
        ulong bytes = 0;
        for (int i = 0; i < packets.Length; i++)
        {
            bytes += Unsafe.Add(ref first, i).Buffer->PacketLength;
        }

        return bytes;
    }
}
