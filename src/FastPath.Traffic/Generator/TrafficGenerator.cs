using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Net;
using FastPath.Ports;
using FastPath.Traffic.Flows;
using FastPath.Traffic.Frames;
using FastPath.Lcores;
using FastPath.Traffic.Rate;
using FastPath.Mempool.Pools;

namespace FastPath.Traffic.Generator;

/// <summary>
/// Generates Ethernet/IPv4/UDP frames carrying a <see cref="ProbeHeader"/> (stream, sequence number, transmit
/// timestamp) into one transmit queue, in bursts, at a paced or unlimited rate. Sizes and flow fields step per frame;
/// bytes after the probe header are left as the buffer had them. Frames the queue refuses are retried, in order. The
/// IPv4 header checksum is computed here unless <see cref="GeneratorSettings.ChecksumOffloads"/> leaves it, and the
/// UDP checksum, to the NIC. With <see cref="GeneratorSettings.Vlan"/> each frame carries an 802.1Q tag after its
/// source MAC: the untagged frame is built four bytes into the buffer, its MACs are moved to the front and the tag is
/// written between them and the EtherType, so the untagged path is the same code. A frame longer than one pool
/// buffer is sent as a chain (the port must offer <c>TxOffloads.MultiSegment</c>): its headers and probe in the first
/// segment, further buffers from the pool after it.
/// </summary>
public sealed unsafe class TrafficGenerator : IPollingTask
{
    private const int HeaderLength = FrameOffsets.Payload;

    private readonly PacketPool _pool;
    private readonly PendingBurst _pending;
    private readonly ushort[] _sizes;
    private readonly FieldCursor[] _fields;
    private readonly bool _variableFlows;
    private readonly byte[] _template = new byte[HeaderLength];
    private readonly PacketFlags _offloadFlags;
    private readonly bool _softwareIpChecksum;
    private readonly ushort _stream;
    private readonly int _tagLength;
    private readonly int _dataRoom;
    private readonly Packet[] _segments;
    private readonly ushort[] _vlanControls;
    private int _vlanIndex;
    private readonly ulong _count;
    private int _sizeIndex;
    private ulong _built;
    private volatile bool _stopRequested;

    // Set by the generator's own lcore at the start of a poll that builds nothing more (stopped, or the count sent).
    // IsFinished reads this rather than _stopRequested: between reading _stopRequested and adding the frames it
    // built to _pending, the lcore holds frames that neither _pending nor the counters show yet.
    private volatile bool _buildingDone;

    /// <summary>Creates a generator that allocates from <paramref name="pool"/> and sends on <paramref name="queue"/>.</summary>
    /// <param name="pool">Where frames come from; its data room must hold the largest frame.</param>
    /// <param name="queue">The transmit queue; used by this generator's lcore only.</param>
    /// <param name="portMac">The port's MAC address, the default source address.</param>
    /// <param name="settings">What to send.</param>
    /// <exception cref="ArgumentException">
    /// The pool's buffers cannot hold a frame's headers and probe, or <see cref="GeneratorSettings.ChecksumOffloads"/> asks for
    /// a checksum other than IPv4 and UDP.
    /// </exception>
    public TrafficGenerator(PacketPool pool, ITxQueue queue, MacAddress portMac, GeneratorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(settings);
        int tagLength = settings.Vlan is null ? 0 : VlanTags.TagLength;
        if (pool.DataRoom < HeaderLength + ProbeHeader.Length + tagLength)
        {
            throw new ArgumentException($"Mempool '{pool.Name}' has buffers of {pool.DataRoom} bytes; the first segment of a frame must hold its headers and probe ({HeaderLength + ProbeHeader.Length + tagLength} bytes).", nameof(pool));
        }

        TxOffloads offloads = settings.ChecksumOffloads;
        if ((offloads & ~(TxOffloads.Ipv4Checksum | TxOffloads.UdpChecksum)) != 0)
        {
            throw new ArgumentException($"The generator sends IPv4/UDP frames; it cannot ask the port for the checksum offloads {offloads & ~(TxOffloads.Ipv4Checksum | TxOffloads.UdpChecksum)} (give Ipv4Checksum and/or UdpChecksum).", nameof(settings));
        }

        _pool = pool;
        _dataRoom = pool.DataRoom;
        int largest = settings.Sizes.Largest + tagLength;
        _segments = new Packet[(largest - 1) / _dataRoom];
        _softwareIpChecksum = (offloads & TxOffloads.Ipv4Checksum) == 0;
        _offloadFlags = offloads == TxOffloads.None ? PacketFlags.None : PacketFlags.TxIPv4
            | ((offloads & TxOffloads.Ipv4Checksum) != 0 ? PacketFlags.TxIpChecksum : PacketFlags.None)
            | ((offloads & TxOffloads.UdpChecksum) != 0 ? PacketFlags.TxUdpChecksum : PacketFlags.None);
        _stream = settings.Stream;
        _count = settings.Count;
        _tagLength = tagLength;
        _sizes = [.. settings.Sizes.Cycle.ToArray().Select(length => (ushort)(length + tagLength))];
        _vlanControls = settings.Vlan is { } vlan ? [.. Enumerable.Range(0, vlan.Count).Select(vlan.ControlAt)] : [];
        Settings = settings;
        _pending = new PendingBurst(queue, settings.BurstSize, settings.Rate, settings.Rate.CostOf(settings.Sizes.Largest + tagLength), Counters);

        FlowSet flows = settings.Flows;
        _fields =
        [
            new FieldCursor(flows.DestinationMac, FrameOffsets.DestinationMac, 6),
            new FieldCursor(flows.SourceMacFor(portMac), FrameOffsets.SourceMac, 6),
            new FieldCursor(flows.SourceIp, FrameOffsets.Ipv4Source, 4),
            new FieldCursor(flows.DestinationIp, FrameOffsets.Ipv4Destination, 4),
            new FieldCursor(flows.SourcePort, FrameOffsets.UdpSourcePort, 2),
            new FieldCursor(flows.DestinationPort, FrameOffsets.UdpDestinationPort, 2),
        ];
        _variableFlows = _fields.Any(static f => f.Range.Count > 1);
        WriteTemplate();
    }

    /// <summary>What the generator sends.</summary>
    public GeneratorSettings Settings { get; }

    /// <summary>Frames and bytes handed to the port.</summary>
    public TransmitCounters Counters { get; } = new();

    /// <summary>The next sequence number, which is also how many frames were built.</summary>
    public ulong Built => Volatile.Read(ref _built);

    /// <inheritdoc />
    public bool IsFinished => _buildingDone && _pending.Count == 0;

    /// <summary>
    /// Asks the generator, from any thread, to build no more frames; it keeps sending those already built, then reports
    /// <see cref="IsFinished"/> (from its next poll on, so keep polling it). Stopping the source first lets a pipeline drain before its workers stop.
    /// </summary>
    public void RequestStop() => _stopRequested = true;

    /// <inheritdoc />
    public int Poll()
    {
        bool stopped = _stopRequested;
        int room = stopped ? 0 : _pending.Affordable(_pending.Room);
        if (_count != 0)
        {
            ulong left = _count - _built;
            stopped |= left == 0;
            room = (int)Math.Min((ulong)room, left);
        }

        if (stopped)
        {
            _buildingDone = true;
        }
        else if (room > 0)
        {
            Span<Packet> free = _pending.Free[..room];
            int got = _pool.Alloc(free);
            if (got < room)
            {
                Counters.AddAllocFailure();
            }

            int built = Build(free[..got]);
            if (built < got)
            {
                // The pool ran out of segments for a chain: the frames not built go back unused.
                Counters.AddAllocFailure();
                _pool.PutBulk(free[built..got]);
            }

            _pending.Added(built);
        }

        return _pending.Transmit();
    }

    /// <summary>Frees frames built but never accepted, and rewinds the sequence so every number given was sent.</summary>
    public void Finish() => Volatile.Write(ref _built, _built - (ulong)_pending.FreeAll());

    /// <summary>
    /// Writes the next frames into <paramref name="packets"/>; a frame longer than one buffer becomes a chain, its
    /// headers and probe in the first segment.
    /// </summary>
    /// <returns>How many were built: all, unless the pool ran out of segments for a chain.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Build(Span<Packet> packets)
    {
        long timestamp = Stopwatch.GetTimestamp();
        ref Packet first = ref MemoryMarshal.GetReference(packets);
        ref byte template = ref MemoryMarshal.GetArrayDataReference(_template);
        ref ushort sizes = ref MemoryMarshal.GetArrayDataReference(_sizes);
        int sizeIndex = _sizeIndex;
        ulong sequence = _built;
        int tagLength = _tagLength;
        int i = 0;
        for (; i < packets.Length; i++)
        {
            Packet packet = Unsafe.Add(ref first, i);
            byte* buffer = packet.DataPointer;
            int bufferLength = Unsafe.Add(ref sizes, sizeIndex);
            if (bufferLength > _dataRoom && !TryChain(packet, bufferLength))
            {
                break;
            }

            if (++sizeIndex == _sizes.Length)
            {
                sizeIndex = 0;
            }

            // The untagged frame; with a tag it starts TagLength bytes in and its MACs move to the front below.
            byte* frame = buffer + tagLength;
            int length = bufferLength - tagLength;

            Unsafe.CopyBlockUnaligned(ref *frame, ref template, HeaderLength);
            if (_variableFlows)
            {
                WriteFlowFields(frame);
            }

            WriteBigEndian16(frame + FrameOffsets.Ipv4TotalLength, (ushort)(length - FrameOffsets.Ipv4));
            WriteBigEndian16(frame + FrameOffsets.UdpLength, (ushort)(length - FrameOffsets.Udp));
            if (_softwareIpChecksum)
            {
                *(ushort*)(frame + FrameOffsets.Ipv4Checksum) = Ipv4Checksum(frame + FrameOffsets.Ipv4);
            }

            ProbeHeader.Write(frame + FrameOffsets.Payload, _stream, sequence++, timestamp);
            if (tagLength != 0)
            {
                InsertTag(buffer);
            }

            ref PacketBuffer metadata = ref packet.Metadata;
            if (metadata.Next == null)
            {
                metadata.DataLength = (ushort)bufferLength;
                metadata.PacketLength = (uint)bufferLength;
            }

            if (_offloadFlags != PacketFlags.None)
            {
                // The checksum fields stay as the template has them (zero): the NIC fills them from these lengths.
                metadata.Flags |= _offloadFlags;
                metadata.L2Length = (byte)(FrameOffsets.Ipv4 + tagLength);
                metadata.L3Length = FrameOffsets.Udp - FrameOffsets.Ipv4;
                metadata.L4Length = FrameOffsets.Payload - FrameOffsets.Udp;
            }
        }

        _sizeIndex = sizeIndex;
        Volatile.Write(ref _built, sequence);
        return i;
    }

    /// <summary>
    /// Makes <paramref name="packet"/> the first segment of a chain of <paramref name="length"/> bytes: further
    /// buffers from the pool, each full but the last, linked from the back so that each append is one step.
    /// </summary>
    /// <returns>False, with nothing taken, when the pool cannot supply every segment.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryChain(Packet packet, int length)
    {
        int dataRoom = _dataRoom;
        Span<Packet> extra = _segments.AsSpan(0, (length - 1) / dataRoom);
        int got = _pool.Alloc(extra);
        if (got < extra.Length)
        {
            _pool.PutBulk(extra[..got]);
            return false;
        }

        int left = length - dataRoom;
        for (int i = 0; i < extra.Length; i++)
        {
            extra[i].Length = Math.Min(left, dataRoom);
            left -= extra[i].Length;
        }

        for (int i = extra.Length - 1; i > 0; i--)
        {
            extra[i - 1].AppendSegment(extra[i]);
        }

        packet.Length = dataRoom;
        packet.AppendSegment(extra[0]);
        return true;
    }

    /// <summary>
    /// Turns the untagged frame built at <paramref name="buffer"/> + 4 into a tagged one at <paramref name="buffer"/>:
    /// the 12 bytes of MACs move 4 bytes forward (read whole before written, as the ranges overlap) and the TPID and
    /// the next tag control information fill the gap before the EtherType.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void InsertTag(byte* buffer)
    {
        ulong macs = *(ulong*)(buffer + VlanTags.TagLength);
        uint rest = *(uint*)(buffer + VlanTags.TagLength + 8);
        *(ulong*)buffer = macs;
        *(uint*)(buffer + 8) = rest;
        WriteBigEndian16(buffer + FrameOffsets.EtherType, VlanTags.Tpid);
        WriteBigEndian16(buffer + FrameOffsets.EtherType + 2, _vlanControls[_vlanIndex]);
        if (++_vlanIndex == _vlanControls.Length)
        {
            _vlanIndex = 0;
        }
    }

    private void WriteFlowFields(byte* frame)
    {
        ref FieldCursor cursor = ref MemoryMarshal.GetArrayDataReference(_fields);
        for (int f = 0; f < 6; f++)
        {
            ref FieldCursor field = ref Unsafe.Add(ref cursor, f);
            ulong value = field.Range.First + field.Offset;
            if (++field.Offset == field.Range.Count)
            {
                field.Offset = 0;
            }

            byte* at = frame + field.FrameOffset;
            for (int b = field.Width - 1; b >= 0; b--)
            {
                at[b] = (byte)value;
                value >>= 8;
            }
        }
    }

    private void WriteTemplate()
    {
        fixed (byte* frame = _template)
        {
            foreach (FieldCursor field in _fields)
            {
                ulong value = field.Range.First;
                for (int b = field.Width - 1; b >= 0; b--)
                {
                    frame[field.FrameOffset + b] = (byte)value;
                    value >>= 8;
                }
            }

            WriteBigEndian16(frame + FrameOffsets.EtherType, 0x0800);
            frame[FrameOffsets.Ipv4] = 0x45;
            frame[FrameOffsets.Ipv4 + 8] = 64;
            frame[FrameOffsets.Ipv4Protocol] = 17;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteBigEndian16(byte* at, ushort value) =>
        *(ushort*)at = BitConverter.IsLittleEndian ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value) : value;

    /// <summary>The ones' complement checksum of a 20-byte IPv4 header, summed in host order (RFC 1071 §2(B)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Ipv4Checksum(byte* header)
    {
        *(ushort*)(header + 10) = 0;
        ulong sum = (ulong)*(uint*)header + *(uint*)(header + 4) + *(uint*)(header + 8) + *(uint*)(header + 12) + *(uint*)(header + 16);
        sum = (sum & 0xFFFF_FFFF) + (sum >> 32);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    private struct FieldCursor(FieldRange range, int frameOffset, int width)
    {
        public readonly FieldRange Range = range;
        public readonly int FrameOffset = frameOffset;
        public readonly int Width = width;
        public ulong Offset;
    }
}
