using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;
using FastPath.Ports.Virtual.AfXdp.Interop;
using FastPath.Ports.Virtual.Statistics;

namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>
/// Receives from one AF_XDP socket. Each receive descriptor names a chunk of the UMEM, which is one of our packet
/// buffers: the kernel wrote the frame into it, so the queue only fills in the metadata. As many buffers as were
/// received go back into the fill ring in one bulk take from the pool.
/// </summary>
internal sealed unsafe class AfXdpRxQueue : IRxQueue, IWakeSource
{
    private const int RefillBatch = 64;

    private readonly AfXdpPort _port;
    private readonly XskSocket _socket;
    private readonly PacketPool _pool;
    private readonly KernelHeldBuffers _held;
    private readonly nint _umem;
    private readonly bool _busyPoll;
    private readonly Packet[] _refill = new Packet[RefillBatch];
    private uint _fillDeficit;
    internal RxCounters Counters;

    public AfXdpRxQueue(AfXdpPort port, int index, XskSocket socket, PacketPool pool, KernelHeldBuffers held, bool busyPoll)
    {
        _port = port;
        Index = index;
        _socket = socket;
        _pool = pool;
        _held = held;
        _umem = pool.Region.Address;
        _busyPoll = busyPoll;
        _fillDeficit = socket.Fill.Size;
        Refill();
    }

    public int Index { get; }

    /// <summary>The socket: poll reports it readable when the receive ring has frames.</summary>
    public IWakeSource WakeSource => this;

    SafeHandle IWakeSource.Handle => _socket.Handle;

    /// <summary>How many fill entries are waiting for buffers the pool could not give.</summary>
    internal uint FillDeficit => _fillDeficit;

    /// <summary>Nothing to unmask; false when frames are waiting already.</summary>
    public bool Arm() => !_socket.Rx.HasEntries;

    /// <summary>Nothing to mask again.</summary>
    public void Disarm()
    {
    }

    public int RxBurst(Span<Packet> packets)
    {
        if (!_port.IsStarted)
        {
            return 0;
        }

        XskConsumerRing rx = _socket.Rx;
        uint ready = rx.Peek((uint)packets.Length, out uint first);
        if (ready == 0)
        {
            if (_fillDeficit != 0)
            {
                Refill();
            }

            if (_busyPoll || _socket.Fill.NeedsWakeup)
            {
                _socket.KickReceive();
            }

            return 0;
        }

        ref Packet target = ref MemoryMarshal.GetReference(packets);
        XdpDescriptor* descriptors = (XdpDescriptor*)rx.Entries;
        uint mask = rx.Mask;
        ushort portId = _port.Id;
        ushort queue = (ushort)Index;
        ulong bytes = 0;
        for (uint i = 0; i < ready; i++)
        {
            XdpDescriptor descriptor = descriptors[(first + i) & mask];

            // Unaligned chunk mode: the low 48 bits are the chunk we gave the fill ring (a buffer's area), the high
            // 16 bits how far into it the frame starts.
            ulong chunk = descriptor.Address & XdpConstants.UnalignedAddressMask;
            PacketBuffer* buffer = (PacketBuffer*)(_umem + (nint)chunk - PacketLayout.MetadataSize);
            _held.Clear(buffer);
            buffer->DataOffset = (ushort)(descriptor.Address >> XdpConstants.UnalignedOffsetShift);
            buffer->DataLength = (ushort)descriptor.Length;
            buffer->PacketLength = descriptor.Length;
            *(ulong*)&buffer->Port = 0;
            buffer->Port = portId;
            buffer->Queue = queue;
            buffer->Flags = PacketFlags.None;
            Unsafe.Add(ref target, (int)i) = new Packet(buffer);
            bytes += descriptor.Length;
        }

        rx.Release(ready);
        _fillDeficit += ready;
        Refill();
        Counters.Packets += ready;
        Counters.Bytes += bytes;
        return (int)ready;
    }

    /// <summary>Waits until frames are waiting or <paramref name="timeoutMs"/> passes.</summary>
    public bool WaitForFrames(int timeoutMs) => _socket.Rx.HasEntries || _socket.PollReadable(timeoutMs);

    /// <summary>Gives the fill ring as many buffers as it lacks, in bulk takes from the pool.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Refill()
    {
        XskProducerRing fill = _socket.Fill;
        while (_fillDeficit != 0)
        {
            uint room = fill.Reserve(Math.Min(_fillDeficit, RefillBatch), out uint first);
            Span<Packet> buffers = _refill.AsSpan(0, (int)room);
            if (room == 0 || !_pool.TryGetBulk(buffers))
            {
                Counters.NoBuffer += room == 0 ? 0UL : 1UL;
                return;
            }

            ulong* entries = (ulong*)fill.Entries;
            uint mask = fill.Mask;
            for (int i = 0; i < buffers.Length; i++)
            {
                PacketBuffer* buffer = buffers[i].Buffer;
                _held.Mark(buffer);
                entries[(first + (uint)i) & mask] = (ulong)((nint)buffer + PacketLayout.MetadataSize - _umem);
            }

            fill.Submit(room);
            _fillDeficit -= room;
        }
    }
}
