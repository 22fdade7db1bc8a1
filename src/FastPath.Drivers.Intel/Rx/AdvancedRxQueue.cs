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

namespace FastPath.Drivers.Intel.Rx;

/// <summary>
/// A receive queue over an advanced descriptor ring. Every descriptor owns a pool buffer; received buffers go to the
/// caller and their descriptors are re-armed in bulks of <see cref="RxQueueOptions.RefillBatch"/> with one tail write.
/// When the pool is empty the ring runs shorter, the device drops (and counts) what does not fit, and the refill is
/// retried on the next burst. Frames in one buffer go through the vector decoders; a frame the device spread over
/// several descriptors (EOP on the last) is handled where the decoder stops: with <see cref="RxQueueOptions.Scatter"/>
/// its buffers are linked into one chain (a chain still open at the end of a burst is kept for the next), else it is
/// dropped. Frames with MAC errors, chains longer than the queue's maximum frame and frames spread without scatter
/// are dropped, every buffer of them returned to the pool, and counted in <see cref="Errors"/>.
/// </summary>
/// <typeparam name="TRegisters">The register access; a struct so that the tail write inlines.</typeparam>
public sealed unsafe class AdvancedRxQueue<TRegisters> : IRxQueue, IDisposable
    where TRegisters : struct, IRegisterAccess
{
    private TRegisters _registers;
    private readonly QueueRegisterOffsets _offsets;
    private readonly DescriptorRingMemory _ring;
    private readonly AdvancedRxDescriptor* _descriptors;
    private readonly Packet* _buffers;
    private readonly PacketPool _pool;
    private readonly RxMetadataTemplate _template;
    private readonly RxFlagTable _flags;
    private readonly RxDecodePath _path;
    private readonly int _size;
    private readonly int _mask;
    private readonly int _refillBatch;
    private readonly bool _scatter;
    private readonly int _maxFrameLength;
    private int _next;
    private int _refillIndex;
    private int _pendingRefill;
    private bool _midFrame;
    private PacketBuffer* _chainHead;
    private PacketBuffer* _chainTail;
    private uint _chainLength;
    private bool _holdsBuffers;
    private bool _disposed;
    private ulong _packets;
    private ulong _bytes;
    private ulong _errors;
    private ulong _noBuffer;

    /// <summary>Creates the queue's ring; <see cref="Configure"/> and <see cref="Enable"/> start it.</summary>
    /// <param name="registers">Access to the device's registers.</param>
    /// <param name="offsets">This queue's register offsets.</param>
    /// <param name="index">The queue's index in its port.</param>
    /// <param name="port">The port number stamped into packets.</param>
    /// <param name="pool">The pool receive buffers come from; its data room must hold the largest frame accepted.</param>
    /// <param name="options">Ring size and thresholds.</param>
    /// <param name="errorLayout">Where the device puts the receive errors in a write-back; the queue's flag table is built from it.</param>
    /// <param name="ringMapper">
    /// The mapper that makes the descriptor ring reachable by the device; null for the pool's. They differ when the
    /// pool's IOVAs are reached through a mapping the device's driver added on top (such as IOVA-as-VA pools mirrored
    /// into a VFIO container).
    /// </param>
    /// <param name="maxFrameLength">
    /// The longest frame delivered, all segments together (CRC excluded): a longer chain is dropped and counted in
    /// <see cref="Errors"/>. The port passes its maximum frame plus a VLAN tag; the default puts no limit below the
    /// 16-bit length a chain can carry per segment count.
    /// </param>
    public AdvancedRxQueue(TRegisters registers, QueueRegisterOffsets offsets, int index, ushort port, PacketPool pool, RxQueueOptions options, RxErrorLayout errorLayout, IDmaMapper? ringMapper = null, int maxFrameLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        RxDecodePath path = options.DecodePath ?? RxDescriptorDecoder.Best;
        if (!RxDescriptorDecoder.IsSupported(path))
        {
            throw new PlatformNotSupportedException($"The {path} receive path needs instructions this CPU lacks; use {RxDescriptorDecoder.Best}.");
        }

        _registers = registers;
        _offsets = offsets;
        _pool = pool;
        _path = path;
        _flags = new RxFlagTable(errorLayout, options.VlanStrip);
        _size = options.RingSize;
        _mask = _size - 1;
        _refillBatch = options.RefillBatch;
        _scatter = options.Scatter;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameLength, 60);
        _maxFrameLength = maxFrameLength;
        Index = index;
        if (pool.Available == 0)
        {
            throw new InvalidOperationException($"Mempool '{pool.Name}' is empty; a receive queue needs {options.RingSize} buffers.");
        }

        _template = new RxMetadataTemplate((ushort)pool.Headroom, port, (ushort)index);
        _ring = DescriptorRingMemory.Allocate(_size, AdvancedRxDescriptor.Size, ringMapper ?? pool.Region.Mapper);
        _descriptors = (AdvancedRxDescriptor*)_ring.Pointer;
        _buffers = (Packet*)NativeMemory.AlignedAlloc((nuint)(_size * sizeof(Packet)), 64);
        _pendingRefill = _size;
    }

    /// <inheritdoc />
    public int Index { get; }

    /// <summary>The decode path chosen at start-up.</summary>
    public RxDecodePath DecodePath => _path;

    /// <summary>The flag table decoding this queue's write-backs, built for its device's error layout.</summary>
    public RxFlagTable FlagTable => _flags;

    /// <summary>Descriptors in the ring.</summary>
    public int RingSize => _size;

    /// <summary>The pool receive buffers come from.</summary>
    public PacketPool Pool => _pool;

    /// <summary>Frames handed to the caller.</summary>
    public ulong Packets => _packets;

    /// <summary>Bytes of the frames handed to the caller.</summary>
    public ulong Bytes => _bytes;

    /// <summary>
    /// Frames dropped by the driver: MAC errors reported by the device, frames spread over several buffers without
    /// <see cref="RxQueueOptions.Scatter"/>, chains longer than the queue's maximum frame.
    /// </summary>
    public ulong Errors => _errors;

    /// <summary>Refills that found the pool unable to supply a bulk of buffers.</summary>
    public ulong NoBuffer => _noBuffer;

    /// <summary>Buffers the ring holds (armed or waiting to be received), and those of a chain still being received.</summary>
    public int BuffersHeld => (_holdsBuffers ? _size - _pendingRefill : 0) + (_chainHead == null ? 0 : _chainHead->SegmentCount);

    /// <summary>Whether a frame spread over several descriptors has begun but its last descriptor (EOP) is not written back yet.</summary>
    public bool IsFrameOpen => _midFrame;

    /// <summary>Whether the next descriptor has been written back (a frame or an error is waiting).</summary>
    public bool IsFrameWaiting => (Volatile.Read(ref _descriptors[_next].StatusError) & AdvancedRxStatus.DescriptorDone) != 0;

    /// <summary>
    /// Fills every descriptor with a buffer and programs base, length, head and tail (tail 0: nothing armed yet).
    /// The device-specific driver then sets its buffer-size and descriptor-type register and calls <see cref="Enable"/>.
    /// </summary>
    public void Configure()
    {
        if (_holdsBuffers)
        {
            throw new InvalidOperationException($"Receive queue {Index} is configured already.");
        }

        if (!_pool.TryGetBulk(new Span<Packet>(_buffers, _size)))
        {
            throw new InvalidOperationException($"Mempool '{_pool.Name}' has {_pool.Available} free buffers; receive queue {Index} needs {_size}. Create a larger pool.");
        }

        _holdsBuffers = true;
        ulong dataOffset = _template.DataOffset;
        for (int i = 0; i < _size; i++)
        {
            Vector128.Create(_buffers[i].Buffer->BufferIova + dataOffset, 0UL).Store((ulong*)(_descriptors + i));
        }

        _next = 0;
        _refillIndex = 0;
        _pendingRefill = 0;
        _midFrame = false;
        ulong iova = _ring.Iova;
        _registers.Write(_offsets.BaseAddressLow, (uint)iova);
        _registers.Write(_offsets.BaseAddressHigh, (uint)(iova >> 32));
        _registers.Write(_offsets.Length, _ring.LengthInBytes);
        _registers.Write(_offsets.Head, 0);
        _registers.Write(_offsets.Tail, 0);
    }

    /// <summary>
    /// Sets the queue enable bit, waits until the device reports the queue enabled, then hands all descriptors but
    /// one to the device by writing the tail (82599 datasheet 4.6.7; 82576 datasheet 4.5.9).
    /// </summary>
    public void Enable(TimeSpan timeout)
    {
        _registers.Write(_offsets.Control, _registers.Read(_offsets.Control) | QueueRegisterOffsets.QueueEnable);
        RegisterPolling.WaitOrThrow(ref _registers, _offsets.Control, QueueRegisterOffsets.QueueEnable, QueueRegisterOffsets.QueueEnable, timeout, $"Enabling receive queue {Index}");
        _registers.Write(_offsets.Tail, (uint)_mask);
    }

    /// <summary>
    /// Clears the queue enable bit and waits until the device reports the queue stopped; after that the device no
    /// longer writes into the ring or its buffers.
    /// </summary>
    /// <returns>Whether the device acknowledged in time.</returns>
    public bool Disable(TimeSpan timeout)
    {
        _registers.Write(_offsets.Control, _registers.Read(_offsets.Control) & ~QueueRegisterOffsets.QueueEnable);
        return RegisterPolling.WaitFor(ref _registers, _offsets.Control, QueueRegisterOffsets.QueueEnable, 0, timeout);
    }

    /// <summary>Returns every buffer the ring holds, and an unfinished chain's, to the pool. Call only once the queue is disabled.</summary>
    public void ReleaseBuffers()
    {
        DropChain();
        _midFrame = false;
        if (!_holdsBuffers)
        {
            return;
        }

        int held = _size - _pendingRefill;
        int first = Math.Min(held, _size - _next);
        _pool.PutBulk(new ReadOnlySpan<Packet>(_buffers + _next, first));
        _pool.PutBulk(new ReadOnlySpan<Packet>(_buffers, held - first));
        _holdsBuffers = false;
        _pendingRefill = _size;
    }

    /// <inheritdoc />
    public int RxBurst(Span<Packet> packets)
    {
        int max = packets.Length;
        int received = 0;
        int index = _next;
        int consumed = 0;
        ulong bytes = 0;
        fixed (Packet* output = packets)
        {
            while (received < max)
            {
                if (_midFrame)
                {
                    int delivered = ContinueFrame(index, output + received, ref bytes);
                    if (delivered < 0)
                    {
                        break;
                    }

                    received += delivered;
                    index = (index + 1) & _mask;
                    consumed++;
                    continue;
                }

                int run = Math.Min(max - received, _size - index);
                int decoded = RxDescriptorDecoder.Decode(_path, _descriptors + index, _buffers + index, output + received, run, _template, _flags, ref bytes);
                received += decoded;
                consumed += decoded;
                index = (index + decoded) & _mask;
                if (decoded == run)
                {
                    continue;
                }

                uint status = Volatile.Read(ref _descriptors[index].StatusError);
                if ((status & AdvancedRxStatus.DescriptorDone) == 0)
                {
                    break;
                }

                if ((status & _flags.GoodFrameMask) == AdvancedRxStatus.GoodFrameValue)
                {
                    // The device wrote a good frame back after the decoder looked (DMA runs concurrently): decode it.
                    continue;
                }

                if ((status & AdvancedRxStatus.EndOfPacket) == 0)
                {
                    BeginFrame(index);
                }
                else
                {
                    // A one-descriptor frame with a MAC error.
                    _pool.Free(_buffers[index]);
                    _errors++;
                }

                index = (index + 1) & _mask;
                consumed++;
            }
        }

        _next = index;
        _packets += (ulong)received;
        _bytes += bytes;
        _pendingRefill += consumed;
        if (_pendingRefill >= _refillBatch)
        {
            Refill();
        }

        return received;
    }

    /// <summary>
    /// Takes the first descriptor of a frame spread over several (DD, no EOP): with scatter its buffer becomes the head
    /// of a chain, else it is freed and the rest of the frame discarded.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void BeginFrame(int index)
    {
        _midFrame = true;
        PacketBuffer* buffer = _buffers[index].Buffer;
        if (!_scatter)
        {
            _pool.Free(_buffers[index]);
            return;
        }

        ushort length = _descriptors[index].Length;
        buffer->DataOffset = _template.DataOffset;
        buffer->DataLength = length;
        _chainHead = buffer;
        _chainTail = buffer;
        _chainLength = length;
        if (length > _maxFrameLength)
        {
            DropChain();
        }
    }

    /// <summary>
    /// Takes the next descriptor of the open frame: links its buffer to the chain (or frees it when the frame is being
    /// discarded) and, at EOP, delivers the chain to <paramref name="output"/> or drops it.
    /// </summary>
    /// <returns>-1 when the descriptor is not written back yet (the chain stays open), else the frames delivered: 0 or 1.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ContinueFrame(int index, Packet* output, ref ulong bytes)
    {
        AdvancedRxDescriptor* descriptor = _descriptors + index;
        uint status = Volatile.Read(ref descriptor->StatusError);
        if ((status & AdvancedRxStatus.DescriptorDone) == 0)
        {
            return -1;
        }

        bool last = (status & AdvancedRxStatus.EndOfPacket) != 0;
        if (_chainHead == null)
        {
            _pool.Free(_buffers[index]);
        }
        else
        {
            PacketBuffer* segment = _buffers[index].Buffer;
            ushort length = descriptor->Length;
            segment->DataOffset = _template.DataOffset;
            segment->DataLength = length;
            segment->PacketLength = 0;
            _chainTail->Next = segment;
            _chainTail = segment;
            _chainHead->SegmentCount++;
            _chainLength += length;
            if (_chainLength > _maxFrameLength || (last && (status & _flags.Layout.FrameError) != 0))
            {
                DropChain();
            }
        }

        if (!last)
        {
            return 0;
        }

        _midFrame = false;
        PacketBuffer* head = _chainHead;
        if (head == null)
        {
            _errors++;
            return 0;
        }

        // The write-back of the last descriptor carries the frame's status, RSS hash, packet type and VLAN tag.
        uint info = descriptor->PacketInfo;
        head->PacketLength = _chainLength;
        head->Port = _template.Port;
        head->Queue = _template.Queue;
        head->RssHash = descriptor->RssHash;
        head->Flags = _flags.Lookup(RxFlagTable.Index(status, info));
        head->PacketType = (info >> AdvancedRxStatus.PacketTypeShift) & AdvancedRxStatus.PacketTypeMask;
        head->VlanTci = descriptor->VlanTag;
        *output = new Packet(head);
        bytes += _chainLength;
        _chainHead = null;
        _chainTail = null;
        return 1;
    }

    /// <summary>Returns the open chain's buffers to the pool; the rest of its frame, if any, is then discarded.</summary>
    private void DropChain()
    {
        if (_chainHead != null)
        {
            _pool.Free(new Packet(_chainHead));
            _chainHead = null;
            _chainTail = null;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Refill()
    {
        bool refilled = false;
        ulong dataOffset = _template.DataOffset;
        while (_pendingRefill >= _refillBatch)
        {
            Packet* slots = _buffers + _refillIndex;
            if (!_pool.TryGetBulk(new Span<Packet>(slots, _refillBatch)))
            {
                _noBuffer++;
                break;
            }

            AdvancedRxDescriptor* descriptors = _descriptors + _refillIndex;
            for (int i = 0; i < _refillBatch; i++)
            {
                // Writing the header address as 0 also clears the DD bit of the previous write-back.
                Vector128.Create(slots[i].Buffer->BufferIova + dataOffset, 0UL).Store((ulong*)(descriptors + i));
            }

            _refillIndex = (_refillIndex + _refillBatch) & _mask;
            _pendingRefill -= _refillBatch;
            refilled = true;
        }

        if (refilled)
        {
            // The tail names the last armed descriptor: the device owns [head, tail), one armed slot stays in hand.
            _registers.Write(_offsets.Tail, (uint)((_refillIndex - 1) & _mask));
        }
    }

    /// <summary>Frees the ring memory and the buffers still held. The queue must be disabled first.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReleaseBuffers();
        _ring.Dispose();
        NativeMemory.AlignedFree(_buffers);
    }
}
