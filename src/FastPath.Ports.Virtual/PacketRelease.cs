using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual;

/// <summary>Returns packets to their pools in one pass, counting their bytes on the way.</summary>
internal static unsafe class PacketRelease
{
    /// <summary>
    /// Frees every packet of <paramref name="packets"/> to the pool it came from, with a single bulk put when they
    /// share a pool (the usual case).
    /// </summary>
    /// <returns>The total frame length of the freed packets.</returns>
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
        ulong bytes = 0;
        for (int i = 0; i < packets.Length; i++)
        {
            PacketBuffer* buffer = Unsafe.Add(ref first, i).Buffer;
            bytes += buffer->DataLength;
            onePool &= buffer->PoolId == poolId;
        }

        if (onePool)
        {
            PacketPool.FromId(poolId).PutBulk(packets);
        }
        else
        {
            PacketPool.FreeToOwners(packets);
        }

        return bytes;
    }

    /// <summary>The total frame length of <paramref name="packets"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CountBytes(ReadOnlySpan<Packet> packets)
    {
        ref Packet first = ref MemoryMarshal.GetReference(packets);
        ulong bytes = 0;
        for (int i = 0; i < packets.Length; i++)
        {
            bytes += Unsafe.Add(ref first, i).Buffer->DataLength;
        }

        return bytes;
    }
}
