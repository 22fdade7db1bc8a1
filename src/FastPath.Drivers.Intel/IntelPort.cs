using FastPath.Drivers.Intel.Devices;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Registers;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Intel.Tx;
using FastPath.Linux.Mmio;
using FastPath.Net;
using FastPath.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Intel;

/// <summary>
/// What an 82599 port and an 82576 port do alike: own the device function and the queue set, start (receive, transmit,
/// interrupts for idle mode, then wait for the link) and stop (interrupts masked and receive disabled, queues
/// drained and disabled with their buffers returned, transmit disabled, interrupts unbound) under one control lock,
/// and close in the order that keeps DMA safe: stop, the device's own close step, bus mastering off, and only then
/// the rings unmapped and the function closed. Each driver supplies its register map, its initialization and the
/// device-specific steps around the queues.
/// </summary>
/// <typeparam name="TRegisters">The register access: <see cref="MmioRegisters"/> for hardware.</typeparam>
public abstract class IntelPort<TRegisters> : IPort
    where TRegisters : struct, IRegisterAccess
{
    private IntelPortOptions _options;
    private StatisticsBaseline _baseline = new();
    private PacketPool? _pool;
    private Func<int, QueueRegisterOffsets>? _rxOffsets;
    private Func<int, QueueRegisterOffsets>? _txOffsets;
    private RxInterruptRegisters _interrupts;
    private TRegisters _registers;
    private PortQueueSet<TRegisters>? _queues;
    private bool _started;
    private bool _stopIncomplete;
    private bool _disposed;
    private ulong _txDrainTimeouts;
    private readonly uint[] _vlanFilter = new uint[VlanFilterWords];
    private int _vlanIdsAccepted;

    /// <summary>Words of the VLAN filter table: one bit per VLAN id, 4096 ids (82599 VFTA[128]; 82576 VFTA[128]).</summary>
    protected const int VlanFilterWords = 128;

    /// <summary>The checksum offloads, which a port enables together.</summary>
    private const TxOffloads TxChecksums = TxOffloads.Ipv4Checksum | TxOffloads.TcpChecksum | TxOffloads.UdpChecksum;

    /// <summary>Keeps what the port owns; the driver validates, then calls <see cref="Open"/>.</summary>
    protected IntelPort(string name, TRegisters registers, IDeviceFunction function, IntelPortOptions options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _registers = registers;
        Function = function;
        _options = options;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public ushort Id => _options.PortId;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public MacAddress MacAddress { get; protected set; }

    /// <inheritdoc />
    public int RxQueueCount => _options.RxQueues;

    /// <inheritdoc />
    public int TxQueueCount => _options.TxQueues;

    /// <inheritdoc />
    public abstract LinkStatus Link { get; }

    /// <inheritdoc />
    public PortInfo Info => Describe() with
    {
        RxOffloads = RxOffloads.RssHash | RxOffloads.Ipv4Checksum | RxOffloads.L4Checksum | RxOffloads.Scatter | DeviceRxOffloads,
        TxOffloads = TxChecksums | TxOffloads.VlanInsert | TxOffloads.MultiSegment,
        Capabilities = PortCapabilities.Promiscuous | PortCapabilities.AllMulticast | PortCapabilities.MacAddress | PortCapabilities.Mtu | PortCapabilities.Reconfigure | PortCapabilities.VlanFilter
            | (_options.IdleInterruptThreshold is null ? PortCapabilities.None : PortCapabilities.WakeSource),
    };

    /// <summary>Receive offloads the device has beyond the RSS hash, checksums and scatter every Intel port here offers (VLAN stripping on both).</summary>
    protected virtual RxOffloads DeviceRxOffloads => RxOffloads.None;

    /// <summary>BAR0 register access.</summary>
    protected ref TRegisters Registers => ref _registers;

    /// <summary>Bus mastering, DMA mapping and interrupts; owned by the port.</summary>
    protected IDeviceFunction Function { get; }

    /// <summary>Where the port logs.</summary>
    protected ILogger Logger { get; }

    /// <summary>Serializes start, stop, close and the driver's control-path register updates.</summary>
    protected Lock ControlLock { get; } = new();

    /// <summary>Whether the port is closed.</summary>
    protected bool IsDisposed => _disposed;

    /// <summary>The port's queues.</summary>
    protected PortQueueSet<TRegisters> Queues => _queues ?? throw new ObjectDisposedException(Name);

    /// <summary>The status register and its link-up bit <see cref="Start"/> waits for.</summary>
    protected abstract (uint Register, uint UpBit) LinkUp { get; }

    /// <inheritdoc />
    public IRxQueue GetRxQueue(int index) => Queues.Rx(index);

    /// <inheritdoc />
    public ITxQueue GetTxQueue(int index) => Queues.Tx(index);

    /// <summary>Receive queue <paramref name="index"/> with its concrete type (idle mode, counters).</summary>
    public InterruptibleRxQueue<TRegisters> GetInterruptibleRxQueue(int index) => Queues.Rx(index);

    /// <summary>Transmit queue <paramref name="index"/> with its concrete type.</summary>
    public AdvancedTxQueue<TRegisters> GetAdvancedTxQueue(int index) => Queues.Tx(index);

    /// <inheritdoc />
    public PortCounters ReadStatistics(Span<QueueStatistics> queues)
    {
        PortCounters raw = ReadRawStatistics(queues);
        return _baseline.Apply(raw, queues[..Math.Min(queues.Length, raw.QueueCount)]);
    }

    /// <inheritdoc />
    /// <remarks>After the plain and per-queue counters come the device's own, under their datasheet mnemonics.</remarks>
    public IReadOnlyList<ExtendedStatistic> GetExtendedStatistics() => _baseline.Apply(ReadExtendedStatistics());

    /// <inheritdoc />
    public void ResetStatistics()
    {
        lock (ControlLock)
        {
            var queues = new QueueStatistics[Queues.QueueCount];
            PortCounters totals = ReadRawStatistics(queues);
            _baseline.Reset(totals, queues, ReadExtendedStatistics());
        }
    }

    /// <inheritdoc />
    public void Start()
    {
        lock (ControlLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_stopIncomplete)
            {
                throw new InvalidOperationException($"{Name}: the last Stop did not complete (a queue did not report disabled, so its buffers stay with the device); call Stop again before Start.");
            }

            if (_started)
            {
                return;
            }

            if (IsDeviceGone())
            {
                throw new InvalidOperationException($"{Name}: the device is gone (its registers read 0xFFFFFFFF: surprise removal or a dead PCIe link); re-attach it and reopen the port.");
            }

            StartReceive();
            StartTransmit();
            if (_options.IdleInterruptThreshold is not null)
            {
                SetUpInterrupts();
            }

            _started = true;
            (uint register, uint upBit) = LinkUp;
            if (!RegisterPolling.WaitFor(ref _registers, register, upBit, upBit, _options.LinkTimeout))
            {
                Logger.LogWarning("{Port}: link still down after {Timeout}.", Name, _options.LinkTimeout);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Receive first (interrupts masked, global receive off, queues disabled and settled, buffers returned), then
    /// transmit (each queue drained with <see cref="IntelPortOptions.DrainTimeout"/>, disabled, settled, buffers
    /// returned), then the global transmit enable. When a queue does not report disabled, the rest of the procedure
    /// still runs, so the device ends with receive and transmit off and only that queue's buffers with it; the
    /// <see cref="TimeoutException"/> is then thrown, <see cref="Start"/> refuses until Stop is called again, and
    /// every step of a retry is idempotent.
    /// </remarks>
    public void Stop()
    {
        lock (ControlLock)
        {
            if (!_started && !_stopIncomplete)
            {
                return;
            }

            _started = false;
            if (IsDeviceGone())
            {
                ReleaseQueuesOfGoneDevice();
                _stopIncomplete = false;
                return;
            }

            _stopIncomplete = true;
            TimeoutException? failure = null;
            DisableReceive();
            try
            {
                Queues.StopReceive(Name, _options.HandshakeTimeout, _options.Clock);
            }
            catch (TimeoutException exception)
            {
                failure = exception;
            }

            try
            {
                _txDrainTimeouts += (ulong)Queues.StopTransmit(Name, _options.DrainTimeout, _options.Clock, ReportDrainTimeout);
            }
            catch (TimeoutException exception)
            {
                failure ??= exception;
            }

            DisableTransmit();
            if (failure is not null)
            {
                Logger.LogError("{Port}: stop incomplete, receive and transmit are off but a queue still holds its buffers: {Message}", Name, failure.Message);
                throw failure;
            }

            if (_options.IdleInterruptThreshold is not null)
            {
                Function.UnbindInterrupts();
            }

            _stopIncomplete = false;
        }
    }

    /// <summary>Transmit queues whose drain at stop timed out (TDH never reached TDT), since the port opened.</summary>
    public ulong TransmitDrainTimeouts => _txDrainTimeouts;

    private void ReportDrainTimeout(int queue, uint head, uint tail) =>
        Logger.LogWarning("{Port}: transmit queue {Queue} did not drain within {Timeout} (TDH {Head}, TDT {Tail}); disabling it anyway, its unsent frames are dropped.",
            Name, queue, _options.DrainTimeout, head, tail);

    /// <summary>
    /// Stops the port, takes the device's own close step (<see cref="CloseDevice"/>), disables bus mastering, then
    /// frees the rings (unmapping them) and the interrupt resources, and closes the function.
    /// </summary>
    public void Dispose()
    {
        lock (ControlLock)
        {
            if (_disposed)
            {
                return;
            }
        }

        try
        {
            Stop();
        }
        finally
        {
            lock (ControlLock)
            {
                _disposed = true;
                CloseDevice();
                Function.DisableBusMastering();
                _queues?.Dispose();
                Function.Dispose();
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Brings the device up: admits <paramref name="pool"/>, enables bus mastering, runs <see cref="Initialize"/> and
    /// creates the queues. When a step throws, the port is closed and the error rethrown. Call once, at the end of the
    /// driver's constructor.
    /// </summary>
    protected void Open(PacketPool pool, Func<int, QueueRegisterOffsets> rxOffsets, Func<int, QueueRegisterOffsets> txOffsets, RxInterruptRegisters interrupts)
    {
        _pool = pool;
        _rxOffsets = rxOffsets;
        _txOffsets = txOffsets;
        _interrupts = interrupts;
        try
        {
            Function.AdmitPool(pool);
            Function.EnableBusMastering();
            Initialize();
            _queues = new PortQueueSet<TRegisters>(_registers, _options, pool, Function.DmaMapper, rxOffsets, txOffsets, interrupts);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public abstract void SetPromiscuous(bool enabled);

    /// <inheritdoc />
    public abstract void SetAllMulticast(bool enabled);

    /// <inheritdoc />
    public abstract void SetMacAddress(MacAddress address);

    /// <inheritdoc />
    public PortConfiguration Configuration => new()
    {
        RxQueues = _options.RxQueues,
        TxQueues = _options.TxQueues,
        RxDescriptors = _options.Rx.RingSize,
        TxDescriptors = _options.Tx.RingSize,
        Mtu = _options.MaxFrameSize - PortConfiguration.EthernetHeaderLength,
        RxOffloads = Info.RxOffloads & ~(_options.RssHash ? RxOffloads.None : RxOffloads.RssHash) & ~(_options.Rx.VlanStrip ? RxOffloads.None : RxOffloads.VlanStrip)
            & ~(_options.Rx.Scatter ? RxOffloads.None : RxOffloads.Scatter),
        // Chains are always sent; checksums and VLAN insertion as configured.
        TxOffloads = (_options.Tx.ChecksumOffload ? TxChecksums : TxOffloads.None) | (_options.Tx.VlanInsert ? TxOffloads.VlanInsert : TxOffloads.None) | TxOffloads.MultiSegment,
    };

    /// <inheritdoc />
    /// <remarks>
    /// Keeps DMA safe as close does: bus mastering goes off before the old rings are freed; then the device is reset and
    /// initialized with the new configuration, bus mastering comes back and the new rings are set up.
    /// </remarks>
    public void Configure(PortConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        lock (ControlLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            PortConfiguration.ThrowIfStarted(this, _started);
            configuration.Validate(this);
            PortInfo info = Info;
            RxOffloads rx = configuration.RxOffloads ?? info.RxOffloads;
            TxOffloads tx = configuration.TxOffloads ?? info.TxOffloads;
            const RxOffloads checksums = RxOffloads.Ipv4Checksum | RxOffloads.L4Checksum;
            if ((rx & checksums) != checksums)
            {
                throw new ArgumentOutOfRangeException(nameof(configuration), $"Port {Id} '{Name}' ({info.Driver}) always reports receive checksums; keep {checksums} in RxOffloads (RssHash may go).");
            }

            if ((tx & TxChecksums) != TxOffloads.None && (tx & TxChecksums) != TxChecksums)
            {
                throw new ArgumentOutOfRangeException(nameof(configuration), $"Port {Id} '{Name}' ({info.Driver}) enables its transmit checksum offloads together: give all of {TxChecksums} or none ({tx} was asked).");
            }

            IntelPortOptions next = _options with
            {
                RxQueues = configuration.RxQueues,
                TxQueues = configuration.TxQueues,
                Rx = _options.Rx with { RingSize = configuration.RxDescriptors, VlanStrip = rx.HasFlag(RxOffloads.VlanStrip), Scatter = rx.HasFlag(RxOffloads.Scatter) },
                Tx = _options.Tx with { RingSize = configuration.TxDescriptors, ChecksumOffload = (tx & TxChecksums) != TxOffloads.None, VlanInsert = tx.HasFlag(TxOffloads.VlanInsert) },
                MaxFrameSize = configuration.MaxFrameSize,
                RssHash = rx.HasFlag(RxOffloads.RssHash),
            };
            ValidateOptions(next);
            Function.DisableBusMastering();
            _queues?.Dispose();
            _queues = null;
            _options = next;
            Adopt(next);
            _baseline = new StatisticsBaseline();
            Function.EnableBusMastering();
            Initialize();
            _queues = new PortQueueSet<TRegisters>(_registers, _options, _pool!, Function.DmaMapper, _rxOffsets!, _txOffsets!, _interrupts);
            Logger.LogInformation("{Port}: reconfigured: {Rx} RX / {Tx} TX queues, {RxDescriptors}/{TxDescriptors} descriptors, MTU {Mtu}.",
                Name, configuration.RxQueues, configuration.TxQueues, configuration.RxDescriptors, configuration.TxDescriptors, configuration.Mtu);
        }
    }

    /// <inheritdoc />
    /// <remarks>The port must be stopped: the MTU changes through <see cref="Configure"/>.</remarks>
    public void SetMtu(int mtu) => Configure(Configuration with { Mtu = mtu });

    /// <inheritdoc />
    /// <remarks>
    /// Sets or clears the id's bit in the VLAN filter table and, as the first id is accepted or the last removed, the
    /// filter enable (82599 VLNCTRL.VFE; 82576 RCTL.VFE): without it every tag passes. The table survives a
    /// reconfiguration (the driver writes it again after the reset).
    /// </remarks>
    public void SetVlanFilter(ushort vlanId, bool accept)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vlanId, (ushort)4095);
        lock (ControlLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int word = vlanId >> 5;
            uint bit = 1u << (vlanId & 31);
            if (((_vlanFilter[word] & bit) != 0) == accept)
            {
                return;
            }

            _vlanFilter[word] ^= bit;
            _vlanIdsAccepted += accept ? 1 : -1;
            _registers.Write(VlanFilterTable(word), _vlanFilter[word]);
            SwitchVlanFilterEnable();
        }
    }

    /// <summary>The VLAN ids accepted through <see cref="SetVlanFilter"/>; none means VLAN-promiscuous.</summary>
    public int VlanIdsAccepted => _vlanIdsAccepted;

    /// <summary>Writes the whole VLAN filter table and its enable bit; the driver calls it in <see cref="Initialize"/>, after the filter registers are reset.</summary>
    protected void WriteVlanFilter()
    {
        for (int i = 0; i < VlanFilterWords; i++)
        {
            _registers.Write(VlanFilterTable(i), _vlanFilter[i]);
        }

        SwitchVlanFilterEnable();
    }

    private void SwitchVlanFilterEnable()
    {
        (uint register, uint bit) = VlanFilterEnable;
        uint value = _registers.Read(register);
        _registers.Write(register, _vlanIdsAccepted > 0 ? value | bit : value & ~bit);
    }

    /// <summary>The register of VLAN filter table word <paramref name="index"/> (VFTA[index]).</summary>
    protected abstract uint VlanFilterTable(int index);

    /// <summary>The register and bit that make tagged frames pass only with an id in the table.</summary>
    protected abstract (uint Register, uint Bit) VlanFilterEnable { get; }

    /// <summary>Checks options for the device and the port's pool, as the constructor does; throws <see cref="ArgumentException"/> naming the fix.</summary>
    protected abstract void ValidateOptions(IntelPortOptions options);

    /// <summary>Takes <paramref name="options"/> as the driver's own after a reconfiguration (and restarts its counters).</summary>
    protected abstract void Adopt(IntelPortOptions options);

    /// <summary>Sets (or clears) <paramref name="bits"/> of <paramref name="register"/> under the control lock: a filter or control bit switched at run time.</summary>
    protected void SwitchRegisterBits(uint register, uint bits, bool set)
    {
        lock (ControlLock)
        {
            uint value = _registers.Read(register);
            _registers.Write(register, set ? value | bits : value & ~bits);
        }
    }

    /// <summary>
    /// Reads the raw totals, the queues' software counters and the device's clear-on-read registers, and the first
    /// <c>queues.Length</c> queues' counters into <paramref name="queues"/>, without allocating.
    /// </summary>
    protected abstract PortCounters ReadRawStatistics(Span<QueueStatistics> queues);

    /// <summary>The device's own counters, named by their datasheet mnemonics (<c>crcerrs</c>, <c>mpc</c>, <c>qprdc_3</c>…).</summary>
    protected abstract IEnumerable<ExtendedStatistic> ReadHardwareCounters();

    private List<ExtendedStatistic> ReadExtendedStatistics()
    {
        var queues = new QueueStatistics[Queues.QueueCount];
        PortCounters totals = ReadRawStatistics(queues);
        return [.. ExtendedStatistic.From(PortStatistics.From(totals, queues)), .. ReadHardwareCounters(), new ExtendedStatistic("tx_drain_timeouts", _txDrainTimeouts)];
    }

    /// <summary>The device's own part of <see cref="Info"/>: driver, device, queue and descriptor limits, link speeds.</summary>
    protected abstract PortInfo Describe();

    /// <summary>Resets and initializes the device (interrupts, MAC, link, statistics, filters, RSS); the queues come after.</summary>
    protected abstract void Initialize();

    /// <summary>Sets up and enables the receive queues (<see cref="PortQueueSet{TRegisters}.StartReceive"/>), then receive.</summary>
    protected abstract void StartReceive();

    /// <summary>Sets up and enables the transmit queues, and transmit.</summary>
    protected abstract void StartTransmit();

    /// <summary>Routes receive queue q to MSI-X vector q, sets throttling and auto-clear/mask, and binds the eventfds.</summary>
    protected abstract void SetUpInterrupts();

    /// <summary>Masks every interrupt and clears the global receive enable, before the receive queues are disabled.</summary>
    protected abstract void DisableReceive();

    /// <summary>Clears the global transmit enable, after the transmit queues are disabled.</summary>
    protected abstract void DisableTransmit();

    /// <summary>
    /// Whether the device has gone from the bus (surprise removal: registers read all ones). A gone device makes no
    /// DMA and answers no handshake, so <see cref="Stop"/> then returns the buffers without waiting for it. Never by default.
    /// </summary>
    protected virtual bool IsDeviceGone() => false;

    private void ReleaseQueuesOfGoneDevice()
    {
        Queues.ReleaseBuffersOfGoneDevice();
        if (_options.IdleInterruptThreshold is not null)
        {
            Function.UnbindInterrupts();
        }

        Logger.LogError("{Port}: stopped without handshakes: the device is gone, every buffer went back to its pool.", Name);
    }

    /// <summary>The device's own step at close, after the port stopped and before bus mastering is disabled; none by default.</summary>
    protected virtual void CloseDevice()
    {
    }
}
