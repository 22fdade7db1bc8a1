using FastPath.Mempool.Buffers;
using FastPath.Net;
using FastPath.Ports.Virtual.AfPacket.Interop;
using FastPath.Ports.Virtual.Chains;
using FastPath.Ports.Virtual.Statistics;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.AfPacket;

/// <summary>
/// A port on any Linux network interface through AF_PACKET sockets: one socket per queue, each with a memory-mapped
/// TPACKET_V3 receive ring (frames packed in blocks) and a TPACKET_V3 transmit ring (fixed slots, Linux 4.11+).
/// Several queues share the interface's traffic through a PACKET_FANOUT hash group, so a flow stays on one queue.
/// Frames are copied between the rings and mempool buffers; transmitted buffers are freed as soon as copied.
/// </summary>
/// <remarks>
/// Needs CAP_NET_RAW (root). Sockets live in the network namespace of the thread that creates the port. Transmit
/// copies a chain into one slot and inserts the 802.1Q tag a packet asks for (<see cref="PacketFlags.TxVlan"/>);
/// checksum requests are not honoured; frames shorter than 14 bytes or longer than a transmit slot are freed and
/// counted in <see cref="PortStatistics.TxErrors"/>. Received frames are as they were on the wire (a VLAN tag the
/// kernel stripped is put back) unless <see cref="RxOffloads.VlanStrip"/> is configured, and carry the kernel's
/// timestamp (CLOCK_REALTIME, nanoseconds) and flow hash. A frame longer than a pool buffer arrives as a chain when
/// <see cref="RxOffloads.Scatter"/> is configured (needed for an MTU past the buffer), and is dropped whole, counted
/// in <see cref="PortStatistics.RxMissed"/>, when the pool runs out in the middle of it. <see cref="SetVlanFilter"/>
/// filters in software. The port opens with the MTU one buffer holds, without VLAN strip or scatter.
/// </remarks>
public sealed class AfPacketPort : IPort
{
    /// <summary>The prefix of the port's name, as in <c>af_packet:eth0</c>.</summary>
    public const string NamePrefix = "af_packet:";

    private readonly VirtualPortStatistics _statistics;
    private readonly PacketPool _pool;
    private readonly int _interfaceIndex;
    private readonly VlanFilterTable _vlanFilter = new();
    private AfPacketPortOptions _options;
    private PortConfiguration _configuration;
    private PacketSocket[] _sockets;
    private AfPacketRxQueue[] _rxQueues;
    private AfPacketTxQueue[] _txQueues;
    private ulong[] _kernelDrops;
    private volatile bool _started;
    private int _disposed;

    /// <summary>Opens interface <paramref name="interfaceName"/> (in the calling thread's network namespace).</summary>
    /// <param name="interfaceName">The interface, e.g. <c>eth0</c>.</param>
    /// <param name="pool">The pool receive copies frames into.</param>
    /// <param name="options">Queues and ring sizes.</param>
    /// <exception cref="ArgumentException">An option is out of range, or the name is not a valid interface name.</exception>
    /// <exception cref="InvalidOperationException">The interface does not exist (the message lists those that do) or the kernel refused a setting.</exception>
    /// <exception cref="UnauthorizedAccessException">The process lacks CAP_NET_RAW.</exception>
    public AfPacketPort(string interfaceName, PacketPool pool, AfPacketPortOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        options ??= new AfPacketPortOptions();

        Id = options.PortId;
        Info = new PortInfo
        {
            Driver = "af_packet",
            Device = interfaceName,
            MaxRxQueues = VirtualPortDrivers.MaxQueues,
            MaxTxQueues = VirtualPortDrivers.MaxQueues,
            MaxFrameSize = Math.Max(pool.DataRoom, PacketLayout.JumboDataRoom),
            MaxRxSegmentSize = pool.DataRoom,
            RxOffloads = RxOffloads.RssHash | RxOffloads.VlanStrip | RxOffloads.Timestamp | RxOffloads.Scatter,
            TxOffloads = TxOffloads.VlanInsert | TxOffloads.MultiSegment,
            Capabilities = PortCapabilities.WakeSource | PortCapabilities.Reconfigure | PortCapabilities.VlanFilter,
        };
        Validate(options);
        _configuration = new PortConfiguration
        {
            RxQueues = options.QueueCount,
            TxQueues = options.QueueCount,
            RxDescriptors = 0,
            TxDescriptors = 0,
            Mtu = pool.DataRoom - PortConfiguration.EthernetHeaderLength,
            RxOffloads = RxOffloads.RssHash | RxOffloads.Timestamp,
            TxOffloads = Info.TxOffloads,
        };

        // A jumbo pool (buffers beyond the standard 2048 bytes) gets transmit slots its frames fit; standard pools keep
        // the slots they were given.
        int slotForPool = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(pool.DataRoom + PacketSocket.TxDataOffset));
        if (pool.DataRoom > PacketLayout.DefaultDataRoom && options.TxFrameSize < slotForPool)
        {
            options = options with { TxFrameSize = slotForPool };
        }

        _interfaceIndex = LinuxInterface.GetIndex(interfaceName);
        InterfaceName = interfaceName;
        Name = NamePrefix + interfaceName;
        _pool = pool;
        _options = options;
        _sockets = OpenSockets(options);
        try
        {
            MacAddress = LinuxInterface.GetMacAddress(_sockets[0].Handle, interfaceName);
        }
        catch
        {
            DisposeSockets();
            throw;
        }

        (_rxQueues, _txQueues, _kernelDrops) = CreateQueues(_sockets);
        _statistics = new VirtualPortStatistics(_rxQueues.Length, _txQueues.Length, ReadCounters);
    }

    /// <inheritdoc />
    public PortConfiguration Configuration => _configuration;

    /// <inheritdoc />
    /// <remarks>
    /// Changes the number of queue pairs (one packet socket per pair, in one fanout group), the MTU (the transmit slots
    /// grow to fit it and its VLAN tag; past one pool buffer it needs <see cref="RxOffloads.Scatter"/>) and the
    /// receive offloads (<see cref="RxOffloads.VlanStrip"/>, <see cref="RxOffloads.Scatter"/>; the flow hash and
    /// timestamp are always there). The new sockets are opened before the old ones close, so a refused setting leaves
    /// the port as it was; the counters restart from zero.
    /// </remarks>
    public void Configure(PortConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        PortConfiguration.ThrowIfStarted(this, _started);
        configuration.Validate(this);
        if (configuration.RxQueues != configuration.TxQueues)
        {
            throw new ArgumentOutOfRangeException(nameof(configuration), $"Port {Id} '{Name}' (af_packet) has queue pairs, one packet socket each: give as many RX as TX queues ({configuration.RxQueues} and {configuration.TxQueues} were asked).");
        }

        RxOffloads rx = (configuration.RxOffloads ?? Info.RxOffloads) | RxOffloads.RssHash | RxOffloads.Timestamp;
        if (configuration.MaxFrameSize > _pool.DataRoom && (rx & RxOffloads.Scatter) == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(configuration), $"Port {Id} '{Name}' (af_packet): MTU {configuration.Mtu} makes frames of {configuration.MaxFrameSize} bytes, more than one buffer of mempool '{_pool.Name}' holds ({_pool.DataRoom}); enable RxOffloads.Scatter to receive them as chains, or use a pool with larger buffers.");
        }

        int slot = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(configuration.MaxFrameSize + ChainCopy.VlanTagLength + PacketSocket.TxDataOffset));
        AfPacketPortOptions next = _options with { QueueCount = configuration.RxQueues, TxFrameSize = Math.Max(_options.TxFrameSize, slot) };
        Validate(next);
        PacketSocket[] sockets = OpenSockets(next);
        PacketSocket[] old = _sockets;
        (_sockets, _options) = (sockets, next);
        _configuration = configuration with
        {
            RxDescriptors = 0,
            TxDescriptors = 0,
            RxOffloads = rx,
            TxOffloads = configuration.TxOffloads ?? Info.TxOffloads,
        };
        (_rxQueues, _txQueues, _kernelDrops) = CreateQueues(sockets);
        foreach (PacketSocket socket in old)
        {
            socket.Dispose();
        }

        _statistics.Resize(_rxQueues.Length, _txQueues.Length);
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

    /// <inheritdoc />
    public int RxQueueCount => _rxQueues.Length;

    /// <inheritdoc />
    public int TxQueueCount => _txQueues.Length;

    /// <summary>The longest frame transmit accepts.</summary>
    public int MaximumTxFrameLength => _txQueues[0].MaximumFrameLength;

    /// <summary>Up when the interface is administratively up and has carrier; the speed is not reported (0).</summary>
    public LinkStatus Link
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return LinuxInterface.IsUpAndRunning(_sockets[0].Handle, InterfaceName) ? new LinkStatus(true, 0) : LinkStatus.Down;
        }
    }

    internal bool IsStarted => _started;

    /// <inheritdoc />
    public IRxQueue GetRxQueue(int index) => _rxQueues[CheckQueueIndex(index)];

    /// <inheritdoc />
    public ITxQueue GetTxQueue(int index) => _txQueues[CheckQueueIndex(index)];

    /// <summary>
    /// Blocks until receive queue <paramref name="queue"/> has frames or <paramref name="timeout"/> passes, for
    /// workers that sleep when idle instead of polling.
    /// </summary>
    /// <returns>Whether frames are waiting.</returns>
    public bool WaitForReceive(int queue, TimeSpan timeout) =>
        _rxQueues[CheckQueueIndex(queue)].WaitForFrames((int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue));

    /// <inheritdoc />
    /// <remarks>In software: every receive queue drops tagged frames whose id the table does not accept.</remarks>
    public void SetVlanFilter(ushort vlanId, bool accept)
    {
        if (vlanId > 4095)
        {
            throw new ArgumentOutOfRangeException(nameof(vlanId), $"A VLAN id is from 0 to 4095; {vlanId} was given.");
        }

        _vlanFilter.Set(vlanId, accept);
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
    /// Reads the counters; <see cref="PortStatistics.RxMissed"/> is what the kernel dropped because a receive ring
    /// was full.
    /// </summary>
    private void ReadCounters(Span<RxCounters> rx, Span<TxCounters> tx)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        (AfPacketRxQueue[] rxQueues, AfPacketTxQueue[] txQueues, ulong[] kernelDrops, PacketSocket[] sockets) = (_rxQueues, _txQueues, _kernelDrops, _sockets);
        for (int i = 0; i < Math.Min(rx.Length, rxQueues.Length); i++)
        {
            kernelDrops[i] += sockets[i].ReadAndResetStatistics().Drops;
            rx[i] = rxQueues[i].Counters;
            rx[i].Missed += kernelDrops[i];
        }

        for (int i = 0; i < Math.Min(tx.Length, txQueues.Length); i++)
        {
            tx[i] = txQueues[i].Counters;
        }
    }

    /// <summary>
    /// Stops the port, unmaps the rings and closes the sockets (which ends promiscuous mode). No lcore may be
    /// inside a burst call on this port.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Stop();
        DisposeSockets();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({RxQueueCount} queues, {MacAddress})";

    /// <summary>Opens one bound packet socket per queue pair, in one fanout group; closes them all when one step fails.</summary>
    private PacketSocket[] OpenSockets(AfPacketPortOptions options)
    {
        var sockets = new PacketSocket[options.QueueCount];
        try
        {
            ushort fanoutGroup = 0;
            for (int i = 0; i < sockets.Length; i++)
            {
                sockets[i] = PacketSocket.Create(InterfaceName, options);
                sockets[i].Bind(InterfaceName, _interfaceIndex);
                if (i == 0 && options.Promiscuous)
                {
                    sockets[i].AddPromiscuousMembership(InterfaceName, _interfaceIndex);
                }

                if (sockets.Length == 1)
                {
                    continue;
                }

                if (i == 0)
                {
                    fanoutGroup = sockets[i].CreateFanoutGroup(InterfaceName);
                }
                else
                {
                    sockets[i].JoinFanoutGroup(InterfaceName, fanoutGroup);
                }
            }
        }
        catch
        {
            foreach (PacketSocket? socket in sockets)
            {
                socket?.Dispose();
            }

            throw;
        }

        return sockets;
    }

    private (AfPacketRxQueue[] Rx, AfPacketTxQueue[] Tx, ulong[] KernelDrops) CreateQueues(PacketSocket[] sockets)
    {
        var rx = new AfPacketRxQueue[sockets.Length];
        var tx = new AfPacketTxQueue[sockets.Length];
        for (int i = 0; i < sockets.Length; i++)
        {
            bool scatter = (_configuration.RxOffloads!.Value & RxOffloads.Scatter) != 0;
            rx[i] = new AfPacketRxQueue(this, i, sockets[i], _pool, scatter ? _configuration.MaxFrameSize + ChainCopy.VlanTagLength : _pool.DataRoom,
                (_configuration.RxOffloads.Value & RxOffloads.VlanStrip) != 0, _vlanFilter);
            tx[i] = new AfPacketTxQueue(this, i, sockets[i]);
        }

        return (rx, tx, new ulong[sockets.Length]);
    }

    private void DisposeSockets()
    {
        foreach (PacketSocket? socket in _sockets)
        {
            socket?.Dispose();
        }
    }

    private int CheckQueueIndex(int index)
    {
        if ((uint)index >= (uint)_rxQueues.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Port '{Name}' has {_rxQueues.Length} queues (0 to {_rxQueues.Length - 1}); queue {index} does not exist.");
        }

        return index;
    }

    private static void Validate(AfPacketPortOptions options)
    {
        int page = Environment.SystemPageSize;
        Require(options.QueueCount is >= 1 and <= 256, $"QueueCount must be from 1 to 256; it is {options.QueueCount}.");
        Require(options.RxBlockSize >= page && System.Numerics.BitOperations.IsPow2(options.RxBlockSize),
            $"RxBlockSize must be a power of two of at least the page size ({page}); it is {options.RxBlockSize}.");
        Require(options.RxBlockCount >= 2, $"RxBlockCount must be at least 2; it is {options.RxBlockCount}.");
        Require(options.RxBlockTimeoutMs >= 1, $"RxBlockTimeoutMs must be at least 1 ms; it is {options.RxBlockTimeoutMs}.");
        Require(options.TxFrameSize >= 128 && System.Numerics.BitOperations.IsPow2(options.TxFrameSize),
            $"TxFrameSize must be a power of two of at least 128; it is {options.TxFrameSize}.");
        Require(options.TxFrameCount >= 1, $"TxFrameCount must be at least 1; it is {options.TxFrameCount}.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, "options");
        }
    }
}
