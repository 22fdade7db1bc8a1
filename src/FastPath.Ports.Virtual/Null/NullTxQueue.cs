using System.Runtime.CompilerServices;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Statistics;

namespace FastPath.Ports.Virtual.Null;

/// <summary>A null port's transmit queue: accepts every packet and frees it at once.</summary>
internal sealed class NullTxQueue : ITxQueue
{
    private readonly NullPort _port;
    internal TxCounters Counters;

    public NullTxQueue(NullPort port, int index)
    {
        _port = port;
        Index = index;
    }

    public int Index { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TxBurst(ReadOnlySpan<Packet> packets)
    {
        if (!_port.IsStarted)
        {
            return 0;
        }

        Counters.Bytes += PacketRelease.FreeAndCountBytes(packets);
        Counters.Packets += (ulong)packets.Length;
        return packets.Length;
    }
}
