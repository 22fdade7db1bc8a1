using FastPath.Mempool.Buffers;
using FastPath.Net;
using FastPath.Ports.Virtual.Statistics;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.Null;

/// <summary>
/// A port with nothing behind it, to measure the engine's own cost. Transmit frees every packet at once (counting
/// packets and bytes); receive returns nothing, or, with <see cref="NullPortOptions.RxFrameLength"/>, a full burst
/// of synthetic frames straight from the pool with no copying: it only allocates and sets lengths.
/// </summary>
/// <remarks>
/// The synthetic frame (see <see cref="SyntheticFrame"/>) is written once into every buffer free in the pool when
/// the port is created; received frames therefore carry valid Ethernet/IPv4/UDP headers unless the buffer was in
/// use at that time or the application has rewritten it since.
/// </remarks>
public sealed class NullPort : IPort
{
    private readonly VirtualPortStatistics _statistics;
    private readonly NullPortOptions _options;
    private NullRxQueue[] _rxQueues;
    private NullTxQueue[] _txQueues;
    private volatile bool _started;
    private bool _disposed;

    /// <summary>Creates a stopped null port.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent; the message says which one to fix.</exception>
    public NullPort(NullPortOptions? options = null)
    {
        options ??= new NullPortOptions();
        Id = options.PortId;
        Info = new PortInfo
        {
            Driver = "null",
            MaxRxQueues = ushort.MaxValue,
            MaxTxQueues = ushort.MaxValue,
            MaxFrameSize = options.RxPool?.DataRoom ?? PacketLayout.JumboDataRoom,
            MaxRxSegmentSize = options.RxPool?.DataRoom ?? 0,
            TxOffloads = TxOffloads.MultiSegment,
            Capabilities = PortCapabilities.Reconfigure,
        };
        if (options.QueueCount is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentException($"A null port needs 1 to {ushort.MaxValue} queues; QueueCount is {options.QueueCount}.", nameof(options));
        }

        if (options.RxFrameLength != 0)
        {
            ValidateRxFrames(options);
            PrimePool(options.RxPool!, options.RxFrameLength, options.MacAddress);
        }

        Name = options.Name;
        MacAddress = options.MacAddress;
        _options = options;
        (_rxQueues, _txQueues) = CreateQueues(options.QueueCount, options.QueueCount);
        _statistics = new VirtualPortStatistics(options.QueueCount, options.QueueCount, ReadCounters);
    }

    /// <inheritdoc />
    /// <remarks>Only the queue counts mean anything to a null port; its counters restart from zero.</remarks>
    public void Configure(PortConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ObjectDisposedException.ThrowIf(_disposed, this);
        configuration.ValidateForFixedOffloads(this, _started);
        (_rxQueues, _txQueues) = CreateQueues(configuration.RxQueues, configuration.TxQueues);
        _statistics.Resize(configuration.RxQueues, configuration.TxQueues);
    }

    private (NullRxQueue[] Rx, NullTxQueue[] Tx) CreateQueues(int rxCount, int txCount)
    {
        var rx = new NullRxQueue[rxCount];
        var tx = new NullTxQueue[txCount];
        for (int i = 0; i < rxCount; i++)
        {
            rx[i] = new NullRxQueue(this, i, _options.RxPool, _options.RxFrameLength);
        }

        for (int i = 0; i < txCount; i++)
        {
            tx[i] = new NullTxQueue(this, i);
        }

        return (rx, tx);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public MacAddress MacAddress { get; }

    /// <inheritdoc />
    public ushort Id { get; }

    /// <inheritdoc />
    public PortInfo Info { get; }

    /// <inheritdoc />
    public int RxQueueCount => _rxQueues.Length;

    /// <inheritdoc />
    public int TxQueueCount => _txQueues.Length;

    /// <summary>Always up, at a nominal 100 Gbit/s.</summary>
    public LinkStatus Link => new(true, 100_000);

    internal bool IsStarted => _started;

    /// <inheritdoc />
    public IRxQueue GetRxQueue(int index) => _rxQueues[CheckQueueIndex(index, _rxQueues.Length)];

    /// <inheritdoc />
    public ITxQueue GetTxQueue(int index) => _txQueues[CheckQueueIndex(index, _txQueues.Length)];

    /// <inheritdoc />
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
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

    /// <summary>Reads the raw counters.</summary>
    private void ReadCounters(Span<RxCounters> rx, Span<TxCounters> tx)
    {
        NullRxQueue[] rxQueues = _rxQueues;
        NullTxQueue[] txQueues = _txQueues;
        for (int i = 0; i < Math.Min(rx.Length, rxQueues.Length); i++)
        {
            rx[i] = rxQueues[i].Counters;
        }

        for (int i = 0; i < Math.Min(tx.Length, txQueues.Length); i++)
        {
            tx[i] = txQueues[i].Counters;
        }
    }

    /// <summary>Stops the port. It holds no buffers, so nothing is freed.</summary>
    public void Dispose()
    {
        Stop();
        _disposed = true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (null, {RxQueueCount} queues)";

    private int CheckQueueIndex(int index, int count)
    {
        if ((uint)index >= (uint)count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Port '{Name}' has {count} queues (0 to {count - 1}); queue {index} does not exist.");
        }

        return index;
    }

    private static void ValidateRxFrames(NullPortOptions options)
    {
        if (options.RxPool is null)
        {
            throw new ArgumentException(
                $"RxFrameLength is {options.RxFrameLength} but RxPool is null: synthetic frames need a mempool to come from. Set RxPool, or leave RxFrameLength 0 for a port that receives nothing.",
                nameof(options));
        }

        if (options.RxFrameLength < SyntheticFrame.MinimumLength || options.RxFrameLength > options.RxPool.DataRoom)
        {
            throw new ArgumentException(
                $"RxFrameLength {options.RxFrameLength} is out of range: it must be from {SyntheticFrame.MinimumLength} (the shortest Ethernet frame) to the data room of mempool '{options.RxPool.Name}' ({options.RxPool.DataRoom} bytes), or 0 for no frames.",
                nameof(options));
        }
    }

    /// <summary>Writes the synthetic frame once into every buffer currently free in <paramref name="pool"/>.</summary>
    private static void PrimePool(PacketPool pool, int frameLength, MacAddress source)
    {
        Span<byte> template = stackalloc byte[frameLength];
        SyntheticFrame.Write(template, source);
        var taken = new Packet[pool.Capacity];
        int count = 0;
        int got;
        while (count < taken.Length && (got = pool.Alloc(taken.AsSpan(count))) > 0)
        {
            count += got;
        }

        foreach (Packet packet in taken.AsSpan(0, count))
        {
            packet.Length = frameLength;
            template.CopyTo(packet.Data);
        }

        pool.Free(taken.AsSpan(0, count));
    }
}
