using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Ports;
using FastPath.Mempool.Pools;

namespace FastPath.Traffic.Forwarding;

/// <summary>
/// Collects frames for one transmit queue and sends them a burst at a time, as DPDK's <c>rte_eth_tx_buffer</c>: when
/// the buffer fills, or when the owner drains it. Frames the queue does not accept are freed and counted as dropped.
/// </summary>
public sealed class TransmitBuffer
{
    private readonly Packet[] _packets;
    private readonly ITxQueue _queue;
    private readonly int _port;
    private readonly ForwardingCounters _counters;
    private int _count;

    /// <summary>Creates an empty buffer for <paramref name="queue"/> of port <paramref name="port"/>.</summary>
    public TransmitBuffer(ITxQueue queue, int port, ForwardingCounters counters, int size = PacketBatch.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(counters);
        _queue = queue;
        _port = port;
        _counters = counters;
        _packets = new Packet[size];
    }

    /// <summary>How many frames wait.</summary>
    public int Count => _count;

    /// <summary>Adds a frame; sends the buffer when it becomes full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(Packet packet)
    {
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_packets), _count) = packet;
        if (++_count == _packets.Length)
        {
            Flush();
        }
    }

    /// <summary>Sends what waits; what the queue does not accept is freed and counted as dropped.</summary>
    public void Flush()
    {
        int count = _count;
        if (count == 0)
        {
            return;
        }

        ref Packet first = ref MemoryMarshal.GetArrayDataReference(_packets);
        ulong bytes = 0;
        for (int i = 0; i < count; i++)
        {
            bytes += (ulong)Unsafe.Add(ref first, i).Length;
        }

        int sent = _queue.TxBurst(MemoryMarshal.CreateReadOnlySpan(ref first, count));
        if (sent < count)
        {
            ReadOnlySpan<Packet> unsent = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref first, sent), count - sent);
            foreach (Packet packet in unsent)
            {
                bytes -= (ulong)packet.Length;
            }

            PacketPool.FreeToOwners(unsent);
            _counters.AddDropped(_port, count - sent);
        }

        _counters.AddTx(_port, sent, bytes);
        _count = 0;
    }
}
