using FastPath.Mempool.Buffers;
using FastPath.Mempool.Rings;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.Ring;

/// <summary>
/// The "cable" between two ring ports: for each queue, one single-producer/single-consumer ring per direction.
/// <c>Inbound(end, q)</c> is what end <c>end</c> receives on queue <c>q</c> and what the other end transmits into.
/// The link owns the rings and every packet in them, and frees them all when its last end detaches.
/// </summary>
internal sealed class RingLink
{
    private static int s_nextLinkNumber;

    private readonly Mempool.Rings.Ring[][] _inbound;
    private readonly RingWakeup[][] _wakeups;
    private readonly bool[] _attached = new bool[2];
    private readonly Lock _lock = new();
    private bool _released;

    public RingLink(string name, RingPortOptions options, bool isNamed)
    {
        Name = name;
        Options = options;
        IsNamed = isNamed;
        Number = Interlocked.Increment(ref s_nextLinkNumber);
        _inbound = new Mempool.Rings.Ring[2][];
        _wakeups = new RingWakeup[2][];
        for (int end = 0; end < 2; end++)
        {
            _inbound[end] = new Mempool.Rings.Ring[options.QueueCount];
            _wakeups[end] = new RingWakeup[options.QueueCount];
            for (int queue = 0; queue < options.QueueCount; queue++)
            {
                _inbound[end][queue] = new Mempool.Rings.Ring(options.RingSize, RingSync.Single, RingSync.Single);
                _wakeups[end][queue] = new RingWakeup();
            }
        }
    }

    public string Name { get; }

    public RingPortOptions Options { get; }

    /// <summary>Whether the link is in <see cref="RingLinkRegistry"/>, which must then be told when it is released.</summary>
    public bool IsNamed { get; }

    /// <summary>Whether both ends have detached and the rings are gone.</summary>
    public bool IsReleased
    {
        get
        {
            lock (_lock)
            {
                return _released;
            }
        }
    }

    /// <summary>A process-wide number, used to make the ends' MAC addresses unique.</summary>
    public int Number { get; }

    public Mempool.Rings.Ring Inbound(int end, int queue) => _inbound[end][queue];

    /// <summary>The wake source of <see cref="Inbound"/>: its consumer arms it, the other end's transmit signals it.</summary>
    public RingWakeup InboundWakeup(int end, int queue) => _wakeups[end][queue];

    /// <summary>Whether end <paramref name="end"/> has a port attached (read lock-free by the peer's transmit).</summary>
    public bool IsAttached(int end) => Volatile.Read(ref _attached[end]);

    /// <summary>Attaches a port to the first free end.</summary>
    /// <returns>The end, or -1 when both are taken.</returns>
    public int TryAttach()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_released, this);
            for (int end = 0; end < 2; end++)
            {
                if (!_attached[end])
                {
                    Volatile.Write(ref _attached[end], true);
                    return end;
                }
            }

            return -1;
        }
    }

    /// <summary>
    /// Detaches end <paramref name="end"/> and frees the packets waiting for it; when no end is left, frees every
    /// packet still in the link and the rings.
    /// </summary>
    /// <returns>How many packets waiting for this end were freed.</returns>
    public int Detach(int end)
    {
        lock (_lock)
        {
            Volatile.Write(ref _attached[end], false);
            int dropped = Drain(_inbound[end]);
            if (_attached[1 - end])
            {
                return dropped;
            }

            _released = true;
            Drain(_inbound[1 - end]);
            foreach (Mempool.Rings.Ring[] rings in _inbound)
            {
                foreach (Mempool.Rings.Ring ring in rings)
                {
                    ring.Dispose();
                }
            }

            foreach (RingWakeup[] wakeups in _wakeups)
            {
                foreach (RingWakeup wakeup in wakeups)
                {
                    wakeup.Dispose();
                }
            }

            return dropped;
        }
    }

    private static int Drain(Mempool.Rings.Ring[] rings)
    {
        Span<Packet> burst = stackalloc Packet[PacketBatch.DefaultCapacity];
        int total = 0;
        foreach (Mempool.Rings.Ring ring in rings)
        {
            int n;
            while ((n = ring.DequeueBurst(burst)) > 0)
            {
                PacketPool.FreeToOwners(burst[..n]);
                total += n;
            }
        }

        return total;
    }
}
