using FastPath.Mempool.Buffers;
using FastPath.Net;
using FastPath.Ports.Virtual.Statistics;

namespace FastPath.Ports.Virtual.Ring;

/// <summary>
/// One end of an in-memory link: what a queue of this port transmits, the same-numbered queue of the peer receives,
/// through a single-producer/single-consumer ring (packets move by handle, nothing is copied). Make a connected
/// pair with <see cref="CreatePair"/>, or let two parts of a process meet by name with <see cref="Open"/>.
/// </summary>
/// <remarks>
/// A full ring makes transmit return a short count (the caller keeps the rest). While the peer end is not open the
/// link is down, and transmit accepts, frees and counts as <see cref="PortStatistics.TxErrors"/> every packet.
/// Dispose ports before the mempools their packets come from: disposing frees the packets still waiting in the link.
/// </remarks>
public sealed class RingPort : IPort
{
    /// <summary>The prefix of a ring port spec, as in <c>ring:link0</c>.</summary>
    public const string SpecPrefix = "ring:";

    /// <summary>The speed a ring link reports.</summary>
    public const int LinkSpeedMbps = 10_000;

    private static int s_nextPairNumber;

    private readonly VirtualPortStatistics _statistics;
    private readonly RingLink _link;
    private readonly RingRxQueue[] _rxQueues;
    private readonly RingTxQueue[] _txQueues;
    private volatile bool _started;
    private int _disposed;
    private ulong _droppedOnClose;

    private RingPort(RingLink link, int end, string name, ushort id)
    {
        _link = link;
        End = end;
        Name = name;
        Id = id;
        Info = new PortInfo { Driver = "ring", Device = name, MaxRxQueues = link.Options.QueueCount, MaxTxQueues = link.Options.QueueCount, MaxFrameSize = PacketLayout.JumboDataRoom, RxOffloads = RxOffloads.Scatter, TxOffloads = TxOffloads.MultiSegment, Capabilities = PortCapabilities.WakeSource };
        MacAddress = new MacAddress(0x02_00_00_00_00_00UL | ((ulong)(uint)link.Number << 8) | (uint)end);
        int queueCount = link.Options.QueueCount;
        _rxQueues = new RingRxQueue[queueCount];
        _txQueues = new RingTxQueue[queueCount];
        for (int i = 0; i < queueCount; i++)
        {
            _rxQueues[i] = new RingRxQueue(this, i, link.Inbound(end, i), link.InboundWakeup(end, i));
            _txQueues[i] = new RingTxQueue(this, i, link.Inbound(1 - end, i), link.InboundWakeup(1 - end, i));
        }

        _statistics = new VirtualPortStatistics(queueCount, queueCount, ReadCounters);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public MacAddress MacAddress { get; }

    /// <summary>Which end of its link the port is: 0 or 1.</summary>
    public int End { get; }

    /// <inheritdoc />
    public ushort Id { get; }

    /// <inheritdoc />
    public PortInfo Info { get; }

    /// <inheritdoc />
    public int RxQueueCount => _rxQueues.Length;

    /// <inheritdoc />
    public int TxQueueCount => _txQueues.Length;

    /// <summary>Up while the peer end is open.</summary>
    public LinkStatus Link => IsPeerAttached ? new LinkStatus(true, LinkSpeedMbps) : LinkStatus.Down;

    internal bool IsStarted => _started;

    internal bool IsPeerAttached => _link.IsAttached(1 - End);

    /// <summary>Creates two connected ports on a new, unnamed link, with ids <paramref name="firstId"/> and <paramref name="secondId"/>.</summary>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public static (RingPort First, RingPort Second) CreatePair(RingPortOptions? options = null, ushort firstId = 0, ushort secondId = 1)
    {
        options ??= new RingPortOptions();
        options.Validate();
        string name = $"{SpecPrefix}pair{Interlocked.Increment(ref s_nextPairNumber)}";
        var link = new RingLink(name, options, isNamed: false);
        int first = link.TryAttach();
        int second = link.TryAttach();
        return (new RingPort(link, first, $"{name}/{first}", firstId), new RingPort(link, second, $"{name}/{second}", secondId));
    }

    /// <summary>
    /// Opens an end of the named link <c>ring:name</c>: the first call creates the link and takes end 0, the second
    /// takes end 1. The link disappears when both ends are disposed.
    /// </summary>
    /// <param name="spec">The spec, <c>ring:</c> followed by a name.</param>
    /// <param name="options">The link's shape; both ends must pass equal values.</param>
    /// <param name="id">The port's id in the engine.</param>
    /// <exception cref="FormatException">The spec is not <c>ring:name</c>.</exception>
    /// <exception cref="InvalidOperationException">Both ends are open, or the options differ from the link's.</exception>
    public static RingPort Open(string spec, RingPortOptions? options = null, ushort id = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.StartsWith(SpecPrefix, StringComparison.Ordinal) || spec.Length == SpecPrefix.Length)
        {
            throw new FormatException($"'{spec}' is not a ring port spec; expected '{SpecPrefix}' followed by a link name, such as '{SpecPrefix}link0'.");
        }

        options ??= new RingPortOptions();
        options.Validate();
        (RingLink link, int end) = RingLinkRegistry.Attach(spec, options);
        return new RingPort(link, end, $"{spec}/{end}", id);
    }

    /// <inheritdoc />
    public IRxQueue GetRxQueue(int index) => _rxQueues[CheckQueueIndex(index)];

    /// <inheritdoc />
    public ITxQueue GetTxQueue(int index) => _txQueues[CheckQueueIndex(index)];

    /// <inheritdoc />
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _started = true;
    }

    /// <inheritdoc />
    public void Stop() => _started = false;

    /// <inheritdoc />
    public PortCounters ReadStatistics(Span<QueueStatistics> queues) => _statistics.Read(queues);

    /// <inheritdoc />
    public IReadOnlyList<ExtendedStatistic> GetExtendedStatistics() => _statistics.ReadExtended();

    /// <inheritdoc />
    public void ResetStatistics() => _statistics.Reset();

    /// <summary>
    /// Reads the counters. Packets still waiting for this port when it was disposed count as
    /// <see cref="PortStatistics.RxMissed"/>.
    /// </summary>
    private void ReadCounters(Span<RxCounters> rx, Span<TxCounters> tx)
    {
        for (int i = 0; i < rx.Length; i++)
        {
            rx[i] = _rxQueues[i].Counters;
            tx[i] = _txQueues[i].Counters;
        }

        rx[0].Missed += Volatile.Read(ref _droppedOnClose);
    }

    /// <summary>Stops the port, closes its end of the link and frees the packets that were waiting for it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Stop();
        int dropped = _link.IsNamed ? RingLinkRegistry.Detach(_link, End) : _link.Detach(End);
        Volatile.Write(ref _droppedOnClose, (ulong)dropped);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (ring, {RxQueueCount} queues, link {Link})";

    private int CheckQueueIndex(int index)
    {
        if ((uint)index >= (uint)_rxQueues.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Port '{Name}' has {_rxQueues.Length} queues (0 to {_rxQueues.Length - 1}); queue {index} does not exist.");
        }

        return index;
    }
}
