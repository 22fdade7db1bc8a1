using FastPath.Linux;
using FastPath.Linux.Interop;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;
using FastPath.Net;
using FastPath.Ports.Virtual.AfPacket;
using FastPath.Ports.Virtual.AfXdp.Interop;
using FastPath.Ports.Virtual.Statistics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>
/// A port on any Linux interface through AF_XDP sockets: one socket per queue, all on one UMEM that is the
/// mempool's own buffer region, so a received frame is already a packet buffer and a transmitted one leaves from
/// where it is. An XDP program, attached through a BPF link, redirects each queue's frames to its socket.
/// </summary>
/// <remarks>
/// Needs CAP_NET_RAW, CAP_NET_ADMIN and CAP_BPF (root). The UMEM is registered in unaligned chunk mode: a chunk is a
/// buffer's area (headroom and data room, 2176 bytes by default), whose stride in the pool is not a power of two.
/// The kernel writes a received frame 256 bytes (XDP_PACKET_HEADROOM) into its chunk, so received packets have that
/// much headroom and frames up to the area minus 256 bytes. The sockets share the first one's UMEM
/// (XDP_SHARED_UMEM), each with its own fill and completion ring. The kernel's buffers are tracked one by one and
/// returned to the pool when the port closes.
/// </remarks>
public sealed class AfXdpPort : IPort
{
    /// <summary>The prefix of the port's name, as in <c>af_xdp:eth0</c>.</summary>
    public const string NamePrefix = "af_xdp:";

    private readonly VirtualPortStatistics _statistics;
    private readonly XskSocket[] _sockets;
    private readonly AfXdpRxQueue[] _rxQueues;
    private readonly AfXdpTxQueue[] _txQueues;
    private readonly XdpAttachment _attachment;
    private readonly KernelHeldBuffers _held;
    private readonly ILogger _logger;
    private volatile bool _started;
    private int _disposed;

    /// <summary>Opens interface <paramref name="interfaceName"/> (in the calling thread's network namespace) with the buffers of <paramref name="pool"/> as its UMEM.</summary>
    /// <exception cref="ArgumentException">An option is out of range, the pool's buffers do not suit a UMEM, or the name is not valid.</exception>
    /// <exception cref="InvalidOperationException">The interface does not exist, a queue does not, another XDP program holds it, or the kernel refused a step; the message names the fix.</exception>
    /// <exception cref="UnauthorizedAccessException">The process lacks CAP_NET_RAW, CAP_NET_ADMIN or CAP_BPF.</exception>
    /// <exception cref="InsufficientMemoryException">RLIMIT_MEMLOCK is too low for the UMEM.</exception>
    public AfXdpPort(string interfaceName, PacketPool pool, AfXdpPortOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        options ??= new AfXdpPortOptions();
        _logger = logger ?? NullLogger.Instance;
        int chunkSize = pool.Headroom + pool.DataRoom;
        Validate(options, pool, chunkSize);
        int interfaceIndex = LinuxInterface.GetIndex(interfaceName);
        Id = options.PortId;
        InterfaceName = interfaceName;
        Name = NamePrefix + interfaceName;
        MacAddress = ReadMacAddress(interfaceName);
        Info = new PortInfo
        {
            Driver = "af_xdp",
            Device = interfaceName,
            MaxRxQueues = options.QueueCount,
            MaxTxQueues = options.QueueCount,
            MaxFrameSize = chunkSize - XdpConstants.PacketHeadroom,
            MaxRxSegmentSize = chunkSize - XdpConstants.PacketHeadroom,
            Capabilities = PortCapabilities.WakeSource,
        };

        XdpAttachment.ClaimInterface(interfaceName, interfaceIndex, options.Force, _logger);
        _held = new KernelHeldBuffers(pool);
        _attachment = XdpAttachment.Load(options.StartQueue + options.QueueCount);
        _sockets = new XskSocket[options.QueueCount];
        _rxQueues = new AfXdpRxQueue[options.QueueCount];
        _txQueues = new AfXdpTxQueue[options.QueueCount];
        _statistics = new VirtualPortStatistics(options.QueueCount, options.QueueCount, ReadCounters);
        try
        {
            var umem = new XdpUmemRegistration
            {
                Address = (ulong)pool.Region.Address,
                Length = pool.Region.Length,
                ChunkSize = (uint)chunkSize,
                Headroom = 0,
                Flags = XdpConstants.UmemUnalignedChunkFlag,
            };
            ushort bindFlags = (ushort)(XdpConstants.BindUseNeedWakeup | options.CopyMode switch
            {
                AfXdpCopyMode.Copy => XdpConstants.BindCopy,
                AfXdpCopyMode.ZeroCopy => XdpConstants.BindZeroCopy,
                _ => options.Mode == AfXdpAttachMode.Generic ? XdpConstants.BindCopy : 0,
            });
            for (int i = 0; i < _sockets.Length; i++)
            {
                int queueId = options.StartQueue + i;
                _sockets[i] = XskSocket.Open(interfaceName, interfaceIndex, queueId, options, i == 0 ? umem : null, i == 0 ? null : _sockets[0], bindFlags);
                _attachment.SetSocket(queueId, _sockets[i]);
                _rxQueues[i] = new AfXdpRxQueue(this, i, _sockets[i], pool, _held, options.BusyPollMicroseconds > 0);
                _txQueues[i] = new AfXdpTxQueue(this, i, _sockets[i], pool, _held, (uint)Info.MaxFrameSize);
            }

            _attachment.Attach(interfaceName, interfaceIndex, options.Mode, _logger);
            IsZeroCopy = _sockets[0].IsZeroCopy;
        }
        catch
        {
            Close();
            throw;
        }

        _logger.LogInformation("{Name}: queues {First}-{Last}, XDP in {Mode} mode, {Copy} sockets, UMEM = pool '{Pool}' ({Length} KiB, chunks of {Chunk} bytes, unaligned).",
            Name, options.StartQueue, options.StartQueue + options.QueueCount - 1, AttachMode, IsZeroCopy ? "zero-copy" : "copy-mode", pool.Name, pool.Region.Length >> 10, chunkSize);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The Linux interface the port is bound to.</summary>
    public string InterfaceName { get; }

    /// <inheritdoc />
    public MacAddress MacAddress { get; }

    /// <inheritdoc />
    public ushort Id { get; }

    /// <inheritdoc />
    public PortInfo Info { get; }

    /// <summary>Where the XDP program runs: native (in the driver) or generic.</summary>
    public AfXdpAttachMode AttachMode => _attachment.Mode;

    /// <summary>Whether the kernel runs the sockets zero-copy.</summary>
    public bool IsZeroCopy { get; }

    /// <summary>How many of the pool's buffers the kernel holds now (in rings or in flight).</summary>
    public int BuffersInKernel => _held.Count;

    /// <inheritdoc />
    public int RxQueueCount => _rxQueues.Length;

    /// <inheritdoc />
    public int TxQueueCount => _txQueues.Length;

    /// <summary>Up when the interface is administratively up and has carrier; the speed is not reported (0).</summary>
    public LinkStatus Link
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            using FileDescriptorHandle socket = OpenInterfaceSocket();
            return LinuxInterface.IsUpAndRunning(socket, InterfaceName) ? new LinkStatus(true, 0) : LinkStatus.Down;
        }
    }

    internal bool IsStarted => _started;

    internal XdpAttachment Attachment => _attachment;

    /// <inheritdoc />
    public IRxQueue GetRxQueue(int index) => _rxQueues[CheckQueueIndex(index)];

    /// <inheritdoc />
    public ITxQueue GetTxQueue(int index) => _txQueues[CheckQueueIndex(index)];

    /// <summary>Blocks until receive queue <paramref name="queue"/> has frames or <paramref name="timeout"/> passes.</summary>
    /// <returns>Whether frames are waiting.</returns>
    public bool WaitForReceive(int queue, TimeSpan timeout) =>
        _rxQueues[CheckQueueIndex(queue)].WaitForFrames((int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue));

    /// <inheritdoc />
    /// <remarks>
    /// The configuration is fixed: queues and MTU come from the options and the pool. A frame longer than one UMEM
    /// chunk (an MTU past <see cref="PortInfo.MaxFrameSize"/>, <see cref="RxOffloads.Scatter"/> or
    /// <see cref="TxOffloads.MultiSegment"/>) needs multi-buffer AF_XDP sockets (XDP_USE_SG, Linux 6.6 or later),
    /// which this port does not bind; the refusal names the running kernel.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A chain or an MTU past one chunk is asked, or another value is beyond the port's limits.</exception>
    /// <exception cref="PortCapabilityException">Anything else differs from the port's configuration.</exception>
    public void Configure(PortConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        bool chains = ((configuration.RxOffloads ?? RxOffloads.None) & RxOffloads.Scatter) != 0
            || ((configuration.TxOffloads ?? TxOffloads.None) & TxOffloads.MultiSegment) != 0;
        if (chains || configuration.MaxFrameSize > Info.MaxFrameSize)
        {
            throw new ArgumentOutOfRangeException(nameof(configuration), MultiBufferRefusal(configuration, Info.MaxFrameSize, Environment.OSVersion.Version));
        }

        configuration.Validate(this);
        if (configuration != ((IPort)this).Configuration)
        {
            throw new PortCapabilityException(this, PortCapabilities.Reconfigure);
        }
    }

    /// <summary>
    /// Why an AF_XDP port refuses chains and frames past one UMEM chunk, naming the kernel that would be needed
    /// (multi-buffer sockets, XDP_USE_SG, came with Linux 6.6) and what to do instead.
    /// </summary>
    internal static string MultiBufferRefusal(PortConfiguration configuration, int maxFrameSize, Version kernel)
    {
        string asked = configuration.MaxFrameSize > maxFrameSize ? $"MTU {configuration.Mtu} ({configuration.MaxFrameSize}-byte frames)" : "chained packets (Scatter/MultiSegment)";
        string why = kernel < new Version(6, 6)
            ? $"they need multi-buffer AF_XDP sockets (XDP_USE_SG), which need Linux 6.6 or later, and this kernel is {kernel.Major}.{kernel.Minor}"
            : "they need multi-buffer AF_XDP sockets (XDP_USE_SG), which this port does not bind";
        return $"AF_XDP cannot carry {asked}: a frame must fit one UMEM chunk ({maxFrameSize} bytes); {why}. Keep the MTU at most {maxFrameSize - PortConfiguration.EthernetHeaderLength}, use a pool with larger buffers, or use af_packet, which receives jumbo frames as chains.";
    }

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
    /// Detaches the XDP program, closes the sockets, and returns every buffer the kernel held to the pool. No lcore
    /// may be inside a burst call on this port.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Stop();
        Close();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({RxQueueCount} queues, {AttachMode} XDP, {(IsZeroCopy ? "zero-copy" : "copy")}, {MacAddress})";

    /// <summary>Counters: <see cref="PortStatistics.RxMissed"/> adds what the kernel dropped for a full receive ring, an empty fill ring or a frame too long.</summary>
    private void ReadCounters(Span<RxCounters> rx, Span<TxCounters> tx)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        for (int i = 0; i < rx.Length; i++)
        {
            XdpStatistics kernel = _sockets[i].ReadStatistics();
            rx[i] = _rxQueues[i].Counters;
            // In copy mode a drop for want of a fill entry counts in both rx_dropped and the fill ring's empty
            // count; in zero-copy mode the driver's drops for an empty fill ring count only in the latter.
            rx[i].Missed += kernel.RxRingFull + kernel.RxDropped + (IsZeroCopy ? kernel.RxFillRingEmpty : 0);
            rx[i].Errors += kernel.RxInvalidDescriptors;
        }

        for (int i = 0; i < tx.Length; i++)
        {
            tx[i] = _txQueues[i].Counters;
            tx[i].Errors += _sockets[i].ReadStatistics().TxInvalidDescriptors;
        }
    }

    /// <summary>Link first (no more redirects), then the sockets (the kernel lets go of the rings), then the buffers.</summary>
    private void Close()
    {
        _attachment.Dispose();
        foreach (XskSocket? socket in _sockets)
        {
            socket?.Dispose();
        }

        int returned = _held.ReturnAll();
        _logger.LogDebug("{Name}: {Returned} buffers came back from the kernel's rings at close.", Name, returned);
    }

    private int CheckQueueIndex(int index)
    {
        if ((uint)index >= (uint)_rxQueues.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Port '{Name}' has {_rxQueues.Length} queues (0 to {_rxQueues.Length - 1}); queue {index} does not exist.");
        }

        return index;
    }

    private static MacAddress ReadMacAddress(string interfaceName)
    {
        using FileDescriptorHandle socket = OpenInterfaceSocket();
        return LinuxInterface.GetMacAddress(socket, interfaceName);
    }

    /// <summary>A datagram socket of the calling thread's namespace, for interface ioctls (AF_XDP sockets take none).</summary>
    private static FileDescriptorHandle OpenInterfaceSocket()
    {
        const int addressFamilyInet = 2;
        const int socketTypeDatagram = 2;
        int fd = LibC.socket(addressFamilyInet, socketTypeDatagram | XdpConstants.SocketCloseOnExec, 0);
        return fd >= 0 ? new FileDescriptorHandle(fd) : throw new InvalidOperationException($"socket(AF_INET, SOCK_DGRAM) failed ({LibC.DescribeLastError()}).");
    }

    private static void Validate(AfXdpPortOptions options, PacketPool pool, int chunkSize)
    {
        Require(options.QueueCount is >= 1 and <= VirtualPortDrivers.MaxQueues, $"queues must be from 1 to {VirtualPortDrivers.MaxQueues}; it is {options.QueueCount}.");
        Require(options.StartQueue is >= 0 and < 4096, $"start-queue must be from 0 to 4095; it is {options.StartQueue}.");
        Require(options.BusyPollMicroseconds >= 0, $"busy-poll must be 0 (off) or a number of microseconds; it is {options.BusyPollMicroseconds}.");
        foreach ((string name, int size) in new[] { ("RxRingSize", options.RxRingSize), ("TxRingSize", options.TxRingSize), ("FillRingSize", options.FillRingSize), ("CompletionRingSize", options.CompletionRingSize) })
        {
            Require(size >= 64 && System.Numerics.BitOperations.IsPow2(size), $"{name} must be a power of two of at least 64; it is {size}.");
        }

        Require(options.CompletionRingSize >= options.TxRingSize, $"CompletionRingSize ({options.CompletionRingSize}) must be at least TxRingSize ({options.TxRingSize}).");
        Require(!(options.CopyMode == AfXdpCopyMode.ZeroCopy && options.Mode == AfXdpAttachMode.Generic), "zerocopy needs the XDP program in the driver: use mode=native or mode=auto with ':zerocopy'.");
        Require(chunkSize >= XdpConstants.UmemMinimumChunkSize && chunkSize <= Environment.SystemPageSize,
            $"The pool's buffers ({pool.Headroom} bytes of headroom + {pool.DataRoom} of data room) must be {XdpConstants.UmemMinimumChunkSize} to {Environment.SystemPageSize} bytes to be AF_XDP chunks; give the pool a data room of {XdpConstants.UmemMinimumChunkSize - pool.Headroom} to {Environment.SystemPageSize - pool.Headroom} bytes.");
        Require(pool.Capacity >= options.QueueCount * options.FillRingSize * 2,
            $"Pool '{pool.Name}' has {pool.Capacity} buffers; {options.QueueCount} queues keep {options.QueueCount * options.FillRingSize} in their fill rings, so it needs at least {options.QueueCount * options.FillRingSize * 2}. Give a larger pool (--pool-size) or fewer queues.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, "options");
        }
    }
}
