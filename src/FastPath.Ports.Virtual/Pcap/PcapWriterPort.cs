using FastPath.Net;
using FastPath.Ports.Virtual.Statistics;

namespace FastPath.Ports.Virtual.Pcap;

/// <summary>
/// A transmit-only port that records every frame it is given into a classic pcap file and frees it. A frame's
/// timestamp is its own when <c>PacketFlags.Timestamp</c> is set, otherwise the wall-clock time of the burst. The
/// file is flushed on <see cref="Stop"/> and closed on <see cref="Dispose"/>.
/// </summary>
public sealed class PcapWriterPort : IPort
{
    private readonly VirtualPortStatistics _statistics;
    private readonly PcapWriter _writer;
    private readonly PcapTxQueue _txQueue;
    private volatile bool _started;
    private int _disposed;

    /// <summary>Creates (or truncates) the pcap file at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The snap length is not positive.</exception>
    public PcapWriterPort(string path, PcapWriterPortOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new PcapWriterPortOptions();
        Id = options.PortId;
        Info = new PortInfo { Driver = "pcap-out", Device = path, MaxFrameSize = options.SnapLength, TxOffloads = TxOffloads.VlanInsert | TxOffloads.MultiSegment };
        _writer = new PcapWriter(path, options.SnapLength, options.NanosecondTimestamps);
        Name = "pcap:" + path;
        _txQueue = new PcapTxQueue(this, _writer);
        // The queue's errors are frames lost to a write error.
        _statistics = new VirtualPortStatistics(0, 1, (_, tx) => tx[0] = _txQueue.Counters);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ushort Id { get; }

    /// <inheritdoc />
    public PortInfo Info { get; }

    /// <summary>A fixed locally administered address: a file has none.</summary>
    public MacAddress MacAddress { get; } = new(0x02_70_63_61_70_01UL);

    /// <summary>No receive queue.</summary>
    public int RxQueueCount => 0;

    /// <summary>One transmit queue.</summary>
    public int TxQueueCount => 1;

    /// <summary>Always up.</summary>
    public LinkStatus Link => new(true, 0);

    internal bool IsStarted => _started;

    /// <summary>Always throws: a pcap writer port only transmits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Always; use a <see cref="PcapReaderPort"/> to replay a file.</exception>
    public IRxQueue GetRxQueue(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), $"Port '{Name}' records to a file and has no receive queues; use a PcapReaderPort to replay one.");

    /// <inheritdoc />
    public ITxQueue GetTxQueue(int index) =>
        index == 0 ? _txQueue : throw new ArgumentOutOfRangeException(nameof(index), $"Port '{Name}' has one transmit queue (0); queue {index} does not exist.");

    /// <inheritdoc />
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _started = true;
    }

    /// <summary>Stops accepting frames and flushes the file.</summary>
    public void Stop()
    {
        _started = false;
        if (Volatile.Read(ref _disposed) == 0)
        {
            _writer.Flush();
        }
    }

    /// <inheritdoc />
    public PortCounters ReadStatistics(Span<QueueStatistics> queues) => _statistics.Read(queues);

    /// <inheritdoc />
    public IReadOnlyList<ExtendedStatistic> GetExtendedStatistics() => _statistics.ReadExtended();

    /// <inheritdoc />
    public void ResetStatistics() => _statistics.Reset();

    /// <summary>Stops the port, flushes and closes the file.</summary>
    public void Dispose()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        Stop();
        Volatile.Write(ref _disposed, 1);
        _writer.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (pcap writer)";
}
