using FastPath.Mempool.Buffers;
using FastPath.Net;
using FastPath.Ports.Virtual.Statistics;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.Pcap;

/// <summary>
/// A receive-only port that replays a classic pcap file of Ethernet frames, once, several times or forever, at full
/// speed or at the captured pace. Received frames carry the capture time as their timestamp. Frames longer than
/// the pool's data room are skipped and counted in <see cref="PortStatistics.RxErrors"/>. The link goes down when
/// the replay is over.
/// </summary>
public sealed class PcapReaderPort : IPort
{
    private readonly VirtualPortStatistics _statistics;
    private readonly PcapRxQueue _rxQueue;
    private readonly PcapReader _reader;
    private volatile bool _started;
    private int _disposed;

    /// <summary>Opens the pcap file at <paramref name="path"/>.</summary>
    /// <exception cref="PcapFormatException">The file header is malformed or the link type is not Ethernet.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public PcapReaderPort(string path, PacketPool pool, PcapReaderPortOptions? options = null)
        : this(new PcapReader(path), pool, options)
    {
    }

    /// <summary>Replays the records of <paramref name="reader"/>, which the port then owns.</summary>
    /// <exception cref="PcapFormatException">The link type is not Ethernet.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public PcapReaderPort(PcapReader reader, PacketPool pool, PcapReaderPortOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(pool);
        options ??= new PcapReaderPortOptions();
        Id = options.PortId;
        Info = new PortInfo
        {
            Driver = "pcap",
            Device = reader.FileName,
            MaxFrameSize = Math.Max(pool.DataRoom, PacketLayout.JumboDataRoom),
            MaxRxSegmentSize = pool.DataRoom,
            RxOffloads = RxOffloads.Timestamp | RxOffloads.Scatter,
            Capabilities = options.HonourTimestamps ? PortCapabilities.WakeSource : PortCapabilities.None,
        };
        try
        {
            if (options.LoopCount < 0)
            {
                throw new ArgumentException($"LoopCount must be 0 (forever) or a positive number of passes; it is {options.LoopCount}.", nameof(options));
            }

            if (reader.Header.LinkType != PcapFormat.LinkTypeEthernet)
            {
                throw new PcapFormatException(reader.FileName, 20, $"the link type is {reader.Header.LinkType}, not Ethernet ({PcapFormat.LinkTypeEthernet}); only Ethernet captures can be replayed on a port.");
            }
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        _reader = reader;
        Name = "pcap:" + reader.FileName;
        _rxQueue = new PcapRxQueue(this, reader, pool, options);
        _statistics = new VirtualPortStatistics(1, 0, (rx, _) => rx[0] = _rxQueue.Counters);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>A fixed locally administered address: a file has none.</summary>
    public MacAddress MacAddress { get; } = new(0x02_70_63_61_70_00UL);

    /// <inheritdoc />
    public ushort Id { get; }

    /// <inheritdoc />
    public PortInfo Info { get; }

    /// <summary>One receive queue.</summary>
    public int RxQueueCount => 1;

    /// <summary>No transmit queue.</summary>
    public int TxQueueCount => 0;

    /// <summary>Whether every pass over the file has been replayed.</summary>
    public bool IsFinished => _rxQueue.IsFinished;

    /// <summary>Up until the replay is over.</summary>
    public LinkStatus Link => IsFinished ? LinkStatus.Down : new LinkStatus(true, 0);

    internal bool IsStarted => _started;

    /// <inheritdoc />
    public IRxQueue GetRxQueue(int index) =>
        index == 0 ? _rxQueue : throw new ArgumentOutOfRangeException(nameof(index), $"Port '{Name}' has one receive queue (0); queue {index} does not exist.");

    /// <summary>Always throws: a pcap reader port only receives.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Always; use a <see cref="PcapWriterPort"/> to write frames.</exception>
    public ITxQueue GetTxQueue(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), $"Port '{Name}' replays a file and has no transmit queues; use a PcapWriterPort to record frames.");

    /// <inheritdoc />
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _started = true;
    }

    /// <summary>Pauses the replay; <see cref="Start"/> resumes it where it stopped.</summary>
    public void Stop() => _started = false;

    /// <inheritdoc />
    public PortCounters ReadStatistics(Span<QueueStatistics> queues) => _statistics.Read(queues);

    /// <inheritdoc />
    public IReadOnlyList<ExtendedStatistic> GetExtendedStatistics() => _statistics.ReadExtended();

    /// <inheritdoc />
    public void ResetStatistics() => _statistics.Reset();

    /// <summary>Stops the port and closes the file.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Stop();
        _rxQueue.Dispose();
        _reader.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (pcap replay{(IsFinished ? ", finished" : string.Empty)})";
}
