using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Ports;
using FastPath.Traffic.Frames;
using FastPath.Lcores;
using FastPath.Mempool.Pools;

namespace FastPath.Traffic.Receiver;

/// <summary>
/// Receives from one queue, checks the <see cref="ProbeHeader"/> of every frame (sequence per stream, latency from its
/// transmit timestamp, which is meaningful when sender and receiver share a host clock) and frees the frames. Frames
/// without a probe header are counted as foreign. Probes in 802.1Q-tagged frames (TPID 0x8100 after the source MAC)
/// are read past the tag and counted per VLAN id.
/// </summary>
public sealed unsafe class TrafficReceiver : IReceivingTask
{
    private readonly IRxQueue _queue;
    private readonly Packet[] _burst;
    private readonly SequenceTracker?[] _streams = new SequenceTracker?[ushort.MaxValue + 1];
    private readonly double _nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private ulong _packets;
    private ulong _bytes;
    private ulong _probes;
    private ulong _foreign;
    private ulong _tagged;
    private readonly ulong[] _vlanProbes = new ulong[VlanTags.MaximumId + 2];

    /// <summary>Creates a receiver polling <paramref name="queue"/>.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="burstSize">Frames per receive burst.</param>
    /// <param name="portName">How errors name the queue's port.</param>
    public TrafficReceiver(IRxQueue queue, int burstSize = PacketBatch.DefaultCapacity, string portName = "rx")
    {
        ArgumentNullException.ThrowIfNull(queue);
        _queue = queue;
        _burst = new Packet[burstSize];
        ReceiveQueues = [new PolledQueue(portName, queue)];
    }

    /// <inheritdoc />
    public IReadOnlyList<PolledQueue> ReceiveQueues { get; }

    /// <summary>Frames received.</summary>
    public ulong Packets => Volatile.Read(ref _packets);

    /// <summary>Bytes of the frames received.</summary>
    public ulong Bytes => Volatile.Read(ref _bytes);

    /// <summary>Frames that carried a probe header.</summary>
    public ulong Probes => Volatile.Read(ref _probes);

    /// <summary>Frames without a probe header.</summary>
    public ulong Foreign => Volatile.Read(ref _foreign);

    /// <summary>Probes that came in 802.1Q-tagged frames.</summary>
    public ulong Tagged => Volatile.Read(ref _tagged);

    /// <summary>Probes that came tagged with VLAN <paramref name="id"/> (0 to 4095).</summary>
    public ulong ProbesOnVlan(int id) => Volatile.Read(ref _vlanProbes[id]);

    /// <summary>The latencies of the probes. Read it once the receiver has stopped.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>The receiver never finishes on its own.</summary>
    public bool IsFinished => false;

    /// <summary>The tracker of stream <paramref name="stream"/>, or null when none of its probes came: a lookup that allocates nothing, for readers while the receiver runs.</summary>
    public SequenceTracker? StreamTracker(ushort stream) => Volatile.Read(ref _streams[stream]);

    /// <summary>The streams seen, with their trackers. Read it once the receiver has stopped.</summary>
    public IEnumerable<(ushort Stream, SequenceTracker Tracker)> Streams
    {
        get
        {
            for (int i = 0; i < _streams.Length; i++)
            {
                if (_streams[i] is { } tracker)
                {
                    yield return ((ushort)i, tracker);
                }
            }
        }
    }

    /// <inheritdoc />
    public int Poll()
    {
        int n = _queue.RxBurst(_burst);
        if (n == 0)
        {
            return 0;
        }

        long now = Stopwatch.GetTimestamp();
        ref Packet first = ref MemoryMarshal.GetArrayDataReference(_burst);
        ulong bytes = 0;
        ulong probes = 0;
        for (int i = 0; i < n; i++)
        {
            Packet packet = Unsafe.Add(ref first, i);
            int length = packet.Length;
            bytes += (ulong)length;
            // The probe sits in the headers, so in the first segment of a chain.
            if (TryReadProbe(packet.DataPointer, packet.SegmentLength, out ushort stream, out ulong sequence, out long timestamp, out int vlan))
            {
                // A tag the port stripped (VLAN strip offload) counts as the frame's own.
                if ((packet.Flags & PacketFlags.Vlan) != 0)
                {
                    vlan = packet.Metadata.VlanTci & 0xFFF;
                }

                probes++;
                if (vlan >= 0)
                {
                    _tagged++;
                    _vlanProbes[vlan]++;
                }

                (_streams[stream] ?? NewStream(stream)).Record(sequence);
                long ticks = now - timestamp;
                Latency.Record(ticks <= 0 ? 0 : (ulong)(ticks * _nanosecondsPerTick));
            }
        }

        PacketPool.FreeToOwners(new ReadOnlySpan<Packet>(_burst, 0, n));
        _bytes += bytes;
        _probes += probes;
        _foreign += (ulong)n - probes;
        Volatile.Write(ref _packets, _packets + (ulong)n);
        return n;
    }

    /// <summary>Nothing is buffered.</summary>
    public void Finish()
    {
    }

    /// <summary>Nothing is buffered.</summary>
    public void Flush()
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadProbe(byte* frame, int length, out ushort stream, out ulong sequence, out long timestamp, out int vlan)
    {
        stream = 0;
        sequence = 0;
        timestamp = 0;
        vlan = -1;
        if (length < FrameOffsets.Payload + ProbeHeader.Length)
        {
            return false;
        }

        // Untagged IPv4/UDP first, as before tags were read: a tag costs one more comparison, only when the EtherType is not IPv4.
        ushort etherType = *(ushort*)(frame + FrameOffsets.EtherType);
        if (etherType == (BitConverter.IsLittleEndian ? 0x0008 : 0x0800) && frame[FrameOffsets.Ipv4Protocol] == 17)
        {
            int payload = FrameOffsets.Ipv4 + (frame[FrameOffsets.Ipv4] & 0xF) * 4 + 8;
            return payload + ProbeHeader.Length <= length && ProbeHeader.TryRead(frame + payload, out stream, out sequence, out timestamp);
        }

        return etherType == (BitConverter.IsLittleEndian ? 0x0081 : 0x8100) && TryReadTaggedProbe(frame, length, out stream, out sequence, out timestamp, out vlan);
    }

    /// <summary>An 802.1Q-tagged frame: the tag control information (its low 12 bits the VLAN id), then the EtherType proper.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryReadTaggedProbe(byte* frame, int length, out ushort stream, out ulong sequence, out long timestamp, out int vlan)
    {
        stream = 0;
        sequence = 0;
        timestamp = 0;
        vlan = ((frame[FrameOffsets.EtherType + 2] << 8) | frame[FrameOffsets.EtherType + 3]) & 0xFFF;
        const int ipv4 = FrameOffsets.Ipv4 + VlanTags.TagLength;
        if (length < ipv4 + 28 + ProbeHeader.Length ||
            *(ushort*)(frame + FrameOffsets.EtherType + VlanTags.TagLength) != (BitConverter.IsLittleEndian ? 0x0008 : 0x0800) ||
            frame[ipv4 + 9] != 17)
        {
            vlan = -1;
            return false;
        }

        int payload = ipv4 + (frame[ipv4] & 0xF) * 4 + 8;
        if (payload + ProbeHeader.Length <= length && ProbeHeader.TryRead(frame + payload, out stream, out sequence, out timestamp))
        {
            return true;
        }

        vlan = -1;
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private SequenceTracker NewStream(ushort stream) => _streams[stream] = new SequenceTracker();
}
