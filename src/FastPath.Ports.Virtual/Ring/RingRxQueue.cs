using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Statistics;

namespace FastPath.Ports.Virtual.Ring;

/// <summary>
/// A ring port's receive queue: dequeues what the peer's same-numbered transmit queue enqueued. Its wake source is
/// the ring's <see cref="RingWakeup"/>, which the peer signals only while this queue's lcore sleeps.
/// </summary>
internal sealed unsafe class RingRxQueue : IRxQueue, IWakeSource
{
    private readonly RingPort _port;
    private readonly Mempool.Rings.Ring _ring;
    private readonly RingWakeup _wakeup;
    internal RxCounters Counters;

    public RingRxQueue(RingPort port, int index, Mempool.Rings.Ring ring, RingWakeup wakeup)
    {
        _port = port;
        Index = index;
        _ring = ring;
        _wakeup = wakeup;
    }

    public int Index { get; }

    public IWakeSource WakeSource => this;

    SafeHandle IWakeSource.Handle => _wakeup.Signal;

    /// <summary>The producer's timestamp of the signal that woke the consumer.</summary>
    long IWakeSource.ArrivalTimestamp => _wakeup.SignalledAt;

    /// <summary>Raises the need-wakeup flag; false when the ring has frames (or the port is stopped with frames waiting).</summary>
    public bool Arm() => _wakeup.Arm(_ring);

    /// <summary>Lowers the flag and drains the eventfd.</summary>
    public void Disarm() => _wakeup.Disarm();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RxBurst(Span<Packet> packets)
    {
        if (!_port.IsStarted)
        {
            return 0;
        }

        int count = _ring.DequeueBurst(packets);
        ushort portId = _port.Id;
        ushort queue = (ushort)Index;
        ulong bytes = 0;
        ref Packet first = ref MemoryMarshal.GetReference(packets);
        for (int i = 0; i < count; i++)
        {
            PacketBuffer* buffer = Unsafe.Add(ref first, i).Buffer;
            bytes += buffer->PacketLength;
            buffer->Port = portId;
            buffer->Queue = queue;
        }

        Counters.Packets += (ulong)count;
        Counters.Bytes += bytes;
        return count;
    }
}
