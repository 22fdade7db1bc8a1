using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Registers;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Ports;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Intel.Tx;

/// <summary>
/// A transmit queue over an advanced descriptor ring: one data descriptor per segment of a frame (a chain takes one per
/// buffer, EOP on the last, PAYLEN the whole frame in each), preceded by a context descriptor when the frame asks for
/// checksum offloads or VLAN insertion that differ from the last context; such a frame's checksum fields are seeded
/// first (<see cref="TxChecksumSeed"/>: pseudo-header sum, zeroed IPv4 header checksum), which needs its L2, L3 and L4
/// headers in the first segment. The tail register is written once per burst; RS is set on a frame's last descriptor
/// once <see cref="TxQueueOptions.ReportStatusThreshold"/> descriptors were queued, and sent frames, every segment of
/// them, are returned to their pools lazily, per RS group, when fewer than <see cref="TxQueueOptions.FreeThreshold"/>
/// descriptors are free. A full ring accepts fewer frames (backpressure), whole frames only: a chain is never split.
/// Frames the device cannot send as asked (headers past the first segment, more segments than the ring holds) are
/// freed and counted in <see cref="Errors"/>.
/// </summary>
/// <typeparam name="TRegisters">The register access; a struct so that the tail write inlines.</typeparam>
public sealed unsafe class AdvancedTxQueue<TRegisters> : ITxQueue, IDisposable
    where TRegisters : struct, IRegisterAccess
{
    private const uint DataCommand = AdvancedTxBits.TypeData | AdvancedTxBits.Extended | AdvancedTxBits.InsertFcs | AdvancedTxBits.EndOfPacket;
    private const uint SegmentCommand = AdvancedTxBits.TypeData | AdvancedTxBits.Extended | AdvancedTxBits.InsertFcs;

    private TRegisters _registers;
    private readonly QueueRegisterOffsets _offsets;
    private readonly DescriptorRingMemory _ring;
    private readonly AdvancedTxDescriptor* _descriptors;
    private readonly Packet* _inFlight;
    private readonly ReportStatusGroup* _groups;
    private readonly int _size;
    private readonly int _mask;
    private readonly int _rsThreshold;
    private readonly PacketFlags _offloadRequests;
    private readonly int _freeThreshold;
    private int _tail;
    private int _freeDescriptors;
    private int _inFlightHead;
    private int _inFlightCount;
    private int _groupHead;
    private int _groupCount;
    private int _descriptorsSinceReport;
    private int _packetsSinceReport;
    private TxOffloadContext _context;
    private bool _contextValid;
    private bool _disposed;
    private ulong _packets;
    private ulong _bytes;
    private ulong _errors;
    private int _refusedInBurst;

    /// <summary>Creates the queue's ring; <see cref="Configure"/> and <see cref="Enable"/> start it.</summary>
    /// <param name="registers">Access to the device's registers.</param>
    /// <param name="offsets">This queue's register offsets.</param>
    /// <param name="index">The queue's index in its port.</param>
    /// <param name="mapper">The mapper that makes the ring reachable by the device.</param>
    /// <param name="options">Ring size and thresholds.</param>
    public AdvancedTxQueue(TRegisters registers, QueueRegisterOffsets offsets, int index, IDmaMapper mapper, TxQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _registers = registers;
        _offsets = offsets;
        _size = options.RingSize;
        _mask = _size - 1;
        _rsThreshold = options.ReportStatusThreshold;
        _offloadRequests = (options.ChecksumOffload ? PacketFlags.TxOffloadMask : PacketFlags.None) | (options.VlanInsert ? PacketFlags.TxVlan : PacketFlags.None);
        _freeThreshold = options.FreeThreshold;
        Index = index;
        _ring = DescriptorRingMemory.Allocate(_size, AdvancedTxDescriptor.Size, mapper);
        _descriptors = (AdvancedTxDescriptor*)_ring.Pointer;
        _inFlight = (Packet*)NativeMemory.AlignedAlloc((nuint)(_size * sizeof(Packet)), 64);
        _groups = (ReportStatusGroup*)NativeMemory.AlignedAlloc((nuint)(_size * sizeof(ReportStatusGroup)), 64);
        Reset();
    }

    /// <inheritdoc />
    public int Index { get; }

    /// <summary>Descriptors in the ring.</summary>
    public int RingSize => _size;

    /// <summary>Frames accepted for transmission.</summary>
    public ulong Packets => _packets;

    /// <summary>Bytes of the frames accepted.</summary>
    public ulong Bytes => _bytes;

    /// <summary>
    /// Frames taken but not sent, freed and counted: chains asking for checksum offloads whose L2, L3 and L4 headers are
    /// not all in the first segment, and chains of more segments than the ring can hold.
    /// </summary>
    public ulong Errors => _errors;

    /// <summary>Frames queued whose buffers have not been reclaimed yet.</summary>
    public int InFlight => _inFlightCount;

    /// <summary>Descriptors the next burst can use without reclaiming.</summary>
    public int FreeDescriptors => _freeDescriptors;

    /// <summary>Programs base, length, head and tail 0 (82599 datasheet 4.6.8; 82576 datasheet 4.5.10).</summary>
    public void Configure()
    {
        Reset();
        ulong iova = _ring.Iova;
        _registers.Write(_offsets.BaseAddressLow, (uint)iova);
        _registers.Write(_offsets.BaseAddressHigh, (uint)(iova >> 32));
        _registers.Write(_offsets.Length, _ring.LengthInBytes);
        _registers.Write(_offsets.Head, 0);
        _registers.Write(_offsets.Tail, 0);
    }

    /// <summary>Sets the queue enable bit with <paramref name="controlBits"/> (thresholds) and waits until the device reports it.</summary>
    public void Enable(uint controlBits, TimeSpan timeout)
    {
        _registers.Write(_offsets.Control, controlBits | QueueRegisterOffsets.QueueEnable);
        RegisterPolling.WaitOrThrow(ref _registers, _offsets.Control, QueueRegisterOffsets.QueueEnable, QueueRegisterOffsets.QueueEnable, timeout, $"Enabling transmit queue {Index}");
    }

    /// <summary>Clears the queue enable bit and waits until the device reports the queue stopped.</summary>
    /// <returns>Whether the device acknowledged in time.</returns>
    public bool Disable(TimeSpan timeout)
    {
        _registers.Write(_offsets.Control, _registers.Read(_offsets.Control) & ~QueueRegisterOffsets.QueueEnable);
        return RegisterPolling.WaitFor(ref _registers, _offsets.Control, QueueRegisterOffsets.QueueEnable, 0, timeout);
    }

    /// <inheritdoc />
    public int TxBurst(ReadOnlySpan<Packet> packets)
    {
        if (_freeDescriptors < _freeThreshold)
        {
            Reclaim();
        }

        int tail = _tail;
        int sent = 0;
        _refusedInBurst = 0;
        ulong bytes = 0;
        ref Packet first = ref MemoryMarshal.GetReference(packets);
        for (; sent < packets.Length; sent++)
        {
            Packet packet = Unsafe.Add(ref first, sent);
            PacketBuffer* buffer = packet.Buffer;
            uint options = 0;
            uint vlan = 0;
            int segments = buffer->SegmentCount;
            if ((buffer->Flags & _offloadRequests) != 0)
            {
                if (_freeDescriptors < segments + 1 && !ReclaimUntil(segments + 1))
                {
                    if (segments + 1 > _size - 1)
                    {
                        Refuse(packet);
                        continue;
                    }

                    break;
                }

                if (segments > 1 && !HeadersInFirstSegment(buffer))
                {
                    Refuse(packet);
                    continue;
                }

                // The device sums without the pseudo-header and over the IPv4 checksum field as it is (TxChecksumSeed).
                if ((buffer->Flags & _offloadRequests & PacketFlags.TxOffloadMask) != 0)
                {
                    TxChecksumSeed.Write(packet.DataPointer, buffer);
                }

                options = WriteContextIfChanged(ref tail, buffer);
                vlan = (buffer->Flags & _offloadRequests & PacketFlags.TxVlan) != 0 ? AdvancedTxBits.InsertVlan : 0;
            }
            else if (_freeDescriptors < segments && !ReclaimUntil(segments))
            {
                if (segments > _size - 1)
                {
                    Refuse(packet);
                    continue;
                }

                break;
            }

            uint length;
            if (buffer->Next == null)
            {
                length = buffer->DataLength;
                uint command = DataCommand | vlan | length;
                _descriptorsSinceReport++;
                _packetsSinceReport++;
                if (_descriptorsSinceReport >= _rsThreshold)
                {
                    command |= AdvancedTxBits.ReportStatus;
                    CloseGroup(tail);
                }

                uint offload = (length << AdvancedTxBits.PayloadLengthShift) | options;
                Vector128.Create(buffer->BufferIova + buffer->DataOffset, command | ((ulong)offload << 32)).Store((ulong*)(_descriptors + tail));
                _freeDescriptors--;
                tail = (tail + 1) & _mask;
            }
            else
            {
                length = WriteChain(ref tail, buffer, options, vlan);
            }

            _inFlight[(_inFlightHead + _inFlightCount) & _mask] = packet;
            _inFlightCount++;
            bytes += length;
        }

        if (sent > 0)
        {
            _tail = tail;
            _registers.Write(_offsets.Tail, (uint)tail);
            _packets += (ulong)(sent - _refusedInBurst);
            _bytes += bytes;
        }

        return sent;
    }

    /// <summary>Returns the buffers of every completed RS group to their pools.</summary>
    /// <returns>How many frames were reclaimed.</returns>
    public int Reclaim()
    {
        int reclaimed = 0;
        while (_groupCount > 0)
        {
            ReportStatusGroup group = _groups[_groupHead];
            if ((Volatile.Read(ref _descriptors[group.LastDescriptor].OffloadStatus) & AdvancedTxBits.DescriptorDone) == 0)
            {
                break;
            }

            FreeInFlight(group.Packets);
            _freeDescriptors += group.Descriptors;
            _groupHead = (_groupHead + 1) & _mask;
            _groupCount--;
            reclaimed += group.Packets;
        }

        return reclaimed;
    }

    /// <summary>Returns every queued buffer to its pool, sent or not. Call only once the queue is disabled.</summary>
    public void ReleaseBuffers()
    {
        FreeInFlight(_inFlightCount);
        Reset();
    }

    /// <summary>
    /// Writes one data descriptor per segment of a chain: each its own buffer and length, every one PAYLEN (the whole
    /// frame, non-TSO: 82599 7.2.3.2.4; 82576 7.2.2.3) and the offload options, the last one EOP (and RS when due).
    /// </summary>
    /// <returns>The frame's length.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private uint WriteChain(ref int tail, PacketBuffer* buffer, uint options, uint vlan)
    {
        uint length = buffer->PacketLength;
        uint offload = (length << AdvancedTxBits.PayloadLengthShift) | options;
        int segments = buffer->SegmentCount;
        _descriptorsSinceReport += segments;
        _packetsSinceReport++;
        for (PacketBuffer* segment = buffer; segment != null; segment = segment->Next)
        {
            uint command = SegmentCommand | vlan | segment->DataLength;
            if (segment->Next == null)
            {
                command |= AdvancedTxBits.EndOfPacket;
                if (_descriptorsSinceReport >= _rsThreshold)
                {
                    command |= AdvancedTxBits.ReportStatus;
                    CloseGroup(tail);
                }
            }

            Vector128.Create(segment->BufferIova + segment->DataOffset, command | ((ulong)offload << 32)).Store((ulong*)(_descriptors + tail));
            tail = (tail + 1) & _mask;
        }

        _freeDescriptors -= segments;
        return length;
    }

    /// <summary>Whether the checksum offloads' headers (L2, L3 and L4 lengths) all lie in the first segment, where the seed is written.</summary>
    private bool HeadersInFirstSegment(PacketBuffer* buffer) =>
        (buffer->Flags & _offloadRequests & PacketFlags.TxOffloadMask) == 0 || buffer->L2Length + buffer->L3Length + buffer->L4Length <= buffer->DataLength;

    /// <summary>Frees a frame the device cannot send as asked and counts it; it counts as taken, so the caller does not send it again.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refuse(Packet packet)
    {
        packet.Free();
        _errors++;
        _refusedInBurst++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ReclaimUntil(int descriptors)
    {
        Reclaim();
        return _freeDescriptors >= descriptors;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private uint WriteContextIfChanged(ref int tail, PacketBuffer* buffer)
    {
        TxOffloadContext context = TxOffloadContext.For(buffer, _offloadRequests);
        if (!_contextValid || context != _context)
        {
            AdvancedTxDescriptor* descriptor = _descriptors + tail;
            descriptor->VlanMacIpLengths = context.VlanMacIpLengths;
            descriptor->SequenceSeed = 0;
            descriptor->TypeTucmdMlhl = context.TypeTucmdMlhl;
            descriptor->MssL4LengthIndex = context.MssL4LengthIndex;
            _context = context;
            _contextValid = true;
            _descriptorsSinceReport++;
            _freeDescriptors--;
            tail = (tail + 1) & _mask;
        }

        // CC: the data descriptor uses the context in slot IDX 0 (82599 7.2.3.2.4).
        return context.OffloadOptions | AdvancedTxBits.CheckContext;
    }

    private void CloseGroup(int lastDescriptor)
    {
        _groups[(_groupHead + _groupCount) & _mask] = new ReportStatusGroup(lastDescriptor, _descriptorsSinceReport, _packetsSinceReport);
        _groupCount++;
        _descriptorsSinceReport = 0;
        _packetsSinceReport = 0;
    }

    private void FreeInFlight(int count)
    {
        int first = Math.Min(count, _size - _inFlightHead);
        PacketPool.FreeToOwners(new ReadOnlySpan<Packet>(_inFlight + _inFlightHead, first));
        PacketPool.FreeToOwners(new ReadOnlySpan<Packet>(_inFlight, count - first));
        _inFlightHead = (_inFlightHead + count) & _mask;
        _inFlightCount -= count;
    }

    private void Reset()
    {
        _tail = 0;
        _freeDescriptors = _size - 1;
        _inFlightHead = 0;
        _inFlightCount = 0;
        _groupHead = 0;
        _groupCount = 0;
        _descriptorsSinceReport = 0;
        _packetsSinceReport = 0;
        _contextValid = false;
        new Span<byte>(_descriptors, _size * AdvancedTxDescriptor.Size).Clear();
    }

    /// <summary>Frees the ring memory and any buffers still queued. The queue must be disabled first.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReleaseBuffers();
        _ring.Dispose();
        NativeMemory.AlignedFree(_inFlight);
        NativeMemory.AlignedFree(_groups);
    }

    /// <summary>Descriptors up to an RS-marked one, reclaimed together once the device writes DD there.</summary>
    private readonly record struct ReportStatusGroup(int LastDescriptor, int Descriptors, int Packets);
}
