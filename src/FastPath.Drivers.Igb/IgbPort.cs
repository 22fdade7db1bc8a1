using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Igb.Statistics;
using FastPath.Drivers.Intel.Hosting;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Registers;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Intel.Tx;
using FastPath.Net;
using FastPath.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MempoolPool = FastPath.Mempool.Pools.Mempool;

namespace FastPath.Drivers.Igb;

/// <summary>
/// An Intel 82576 port. Construction resets and initializes the device (82576 datasheet 4.5): interrupts masked,
/// device reset, EEPROM auto-read awaited, MAC address read (or written), link auto-negotiation restarted through the
/// PHY, statistics cleared, receive filters, frame size and RSS programmed. <see cref="Start"/> sets up and enables the
/// rings (4.5.9, 4.5.10) and waits for the link; <see cref="Stop"/> disables the queues, waits for the device to
/// acknowledge and returns every buffer to its pool; <see cref="IDisposable.Dispose"/> then resets the device, disables
/// bus mastering, and only then unmaps and frees the rings.
/// </summary>
/// <typeparam name="TRegisters">The register access; <see cref="MmioRegisters"/> for hardware.</typeparam>
public sealed class IgbPort<TRegisters> : IPort
    where TRegisters : struct, IRegisterAccess
{
    private const uint RxPrefetchThreshold = 8;
    private const uint RxHostThreshold = 8;
    private const uint RxWriteBackThreshold = 1;
    private const uint TxPrefetchThreshold = 8;
    private const uint TxHostThreshold = 1;

    /// <summary>TCTL.CT, bits 11:4, collision threshold 0xF (8.12.1; the recommended value).</summary>
    private const uint TransmitCollisionThreshold = 0xFu << 4;

    /// <summary>TCTL.COLD, bits 21:12, collision distance 0x3F for full duplex (8.12.1).</summary>
    private const uint TransmitCollisionDistance = 0x3Fu << 12;

    private TRegisters _registers;
    private readonly IDeviceFunction _function;
    private readonly MempoolPool _pool;
    private readonly IgbPortOptions _options;
    private readonly ILogger _logger;
    private readonly PortQueueSet<TRegisters>? _queues;
    private readonly IgbStatisticsAccumulator _statistics;
    private readonly Lock _controlLock = new();
    private bool _started;
    private bool _disposed;

    /// <summary>Resets and initializes the device behind <paramref name="registers"/> and <paramref name="function"/>.</summary>
    /// <param name="name">The port's name.</param>
    /// <param name="registers">BAR0 register access.</param>
    /// <param name="function">Bus mastering, DMA mapping and interrupts; owned by the port from now on, disposed also when the constructor throws.</param>
    /// <param name="pool">The receive buffer pool: created with <paramref name="function"/>'s DMA mapper, or admitted by it (<see cref="IDeviceFunction.AdmitPool"/>).</param>
    /// <param name="options">Queues, rings, frame size, filters, RSS and idle mode.</param>
    /// <param name="logger">Where initialization steps are logged.</param>
    public IgbPort(string name, TRegisters registers, IDeviceFunction function, MempoolPool pool, IgbPortOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(pool);
        options ??= new IgbPortOptions();
        try
        {
            Validate(function, pool, options);
        }
        catch
        {
            function.Dispose();
            throw;
        }

        Name = name;
        _registers = registers;
        _function = function;
        _pool = pool;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _statistics = new IgbStatisticsAccumulator(options.RxQueues);
        try
        {
            function.AdmitPool(pool);
            function.EnableBusMastering();
            Initialize();
            _queues = new PortQueueSet<TRegisters>(registers, options, pool, function.DmaMapper, RxOffsets, TxOffsets, InterruptRegisters);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public MacAddress MacAddress { get; private set; }

    /// <inheritdoc />
    public int RxQueueCount => _options.RxQueues;

    /// <inheritdoc />
    public int TxQueueCount => _options.TxQueues;

    /// <inheritdoc />
    public LinkStatus Link => IgbDeviceSetup.ReadLink(ref _registers);

    /// <summary>The per-queue register offsets of receive queue <paramref name="queue"/>, for the shared ring code.</summary>
    public static QueueRegisterOffsets RxOffsets(int queue) => new(
        IgbRegister.RxBaseLow(queue), IgbRegister.RxBaseHigh(queue), IgbRegister.RxLength(queue),
        IgbRegister.RxHead(queue), IgbRegister.RxTail(queue), IgbRegister.RxControl(queue));

    /// <summary>
    /// The 82576's extended interrupt registers for the receive queues' idle mode: EIMS (8.8.5) and EIMC (8.8.6), and
    /// EICR (8.8.1), cleared before each unmask since a cause latched while the vector was masked would fire at once.
    /// </summary>
    public static RxInterruptRegisters InterruptRegisters { get; } = new(
        IgbRegister.ExtendedInterruptMaskSet, IgbRegister.ExtendedInterruptMaskClear, IgbRegister.ExtendedInterruptCause);

    /// <summary>The per-queue register offsets of transmit queue <paramref name="queue"/>, for the shared ring code.</summary>
    public static QueueRegisterOffsets TxOffsets(int queue) => new(
        IgbRegister.TxBaseLow(queue), IgbRegister.TxBaseHigh(queue), IgbRegister.TxLength(queue),
        IgbRegister.TxHead(queue), IgbRegister.TxTail(queue), IgbRegister.TxControl(queue));

    /// <inheritdoc />
    public IRxQueue GetRxQueue(int index) => Queues.Rx(index);

    /// <inheritdoc />
    public ITxQueue GetTxQueue(int index) => Queues.Tx(index);

    /// <summary>Receive queue <paramref name="index"/> with its concrete type (idle mode, counters).</summary>
    public InterruptibleRxQueue<TRegisters> GetIgbRxQueue(int index) => Queues.Rx(index);

    /// <summary>Transmit queue <paramref name="index"/> with its concrete type.</summary>
    public AdvancedTxQueue<TRegisters> GetIgbTxQueue(int index) => Queues.Tx(index);

    private PortQueueSet<TRegisters> Queues => _queues ?? throw new ObjectDisposedException(Name);

    /// <inheritdoc />
    public void Start()
    {
        lock (_controlLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return;
            }

            StartReceive();
            StartTransmit();
            if (_options.IdleInterruptThreshold is not null)
            {
                SetUpInterrupts();
            }

            _started = true;
            if (!RegisterPolling.WaitFor(ref _registers, IgbRegister.DeviceStatus, IgbBits.StatusLinkUp, IgbBits.StatusLinkUp, _options.LinkTimeout))
            {
                _logger.LogWarning("{Port}: link still down after {Timeout}.", Name, _options.LinkTimeout);
            }
        }
    }

    /// <inheritdoc />
    public void Stop()
    {
        lock (_controlLock)
        {
            if (!_started)
            {
                return;
            }

            _started = false;
            IgbDeviceSetup.MaskInterrupts(ref _registers);
            _registers.Write(IgbRegister.ReceiveControl, _registers.Read(IgbRegister.ReceiveControl) & ~IgbBits.ReceiveEnable);
            Queues.StopReceive(Name, _options.HandshakeTimeout);
            // Let queued frames leave (TDH reaches TDT), then stop the queues (82576 4.5.10.1).
            Queues.StopTransmit(Name, _options.HandshakeTimeout);

            _registers.Write(IgbRegister.TransmitControl, _registers.Read(IgbRegister.TransmitControl) & ~IgbBits.TransmitEnable);
            if (_options.IdleInterruptThreshold is not null)
            {
                _function.UnbindInterrupts();
            }
        }
    }

    /// <inheritdoc />
    public PortStatistics GetStatistics()
    {
        IgbHardwareStatistics hardware = GetHardwareStatistics();
        return Queues.GetStatistics(hardware.QueuePacketsDropped, hardware.MissedPackets, hardware.CrcErrors + hardware.LengthErrors);
    }

    /// <summary>Reads the device's clear-on-read counters into the 64-bit totals and returns them.</summary>
    public IgbHardwareStatistics GetHardwareStatistics()
    {
        lock (_controlLock)
        {
            if (!_disposed)
            {
                _statistics.Accumulate(ref _registers);
            }

            return _statistics.Snapshot();
        }
    }

    private static void Validate(IDeviceFunction function, MempoolPool pool, IgbPortOptions options)
    {
        options.Validate();
        if (pool.DataRoom < options.MaxFrameSize)
        {
            throw new ArgumentException($"Mempool '{pool.Name}' has a {pool.DataRoom}-byte data room; frames of {options.MaxFrameSize} bytes need at least that much per buffer.", nameof(pool));
        }

        if (options.IdleInterruptThreshold is not null && function.InterruptVectorCount < options.RxQueues)
        {
            throw new ArgumentException($"{function.Name} offers {function.InterruptVectorCount} MSI-X vectors; idle mode needs one per receive queue ({options.RxQueues}).", nameof(options));
        }
    }

    private void Initialize()
    {
        TimeSpan timeout = _options.HandshakeTimeout;
        if (!IgbDeviceSetup.Reset(ref _registers, timeout))
        {
            _logger.LogDebug("{Port}: EECD.AUTO_RD not reported after reset; EEPROM present, continuing.", Name);
        }

        MacAddress = IgbDeviceSetup.ReadMacAddress(ref _registers);
        if (_options.MacAddress is { } configured)
        {
            IgbDeviceSetup.WriteMacAddress(ref _registers, configured);
            MacAddress = configured;
        }

        IgbDeviceSetup.RestartAutoNegotiation(ref _registers, timeout);

        // 4.5.5: statistics registers clear on read; read them all once to start from zero.
        new IgbStatisticsAccumulator(IgbRegister.QueueCount).Accumulate(ref _registers);
        IgbDeviceSetup.ConfigureReceiveFilters(ref _registers, _options.Promiscuous, _options.MaxFrameSize);
        _options.Rss.Apply(ref _registers, _options.RxQueues);
        _logger.LogInformation("{Port}: reset and initialized, MAC {Mac}, {Rx} RX / {Tx} TX queues, max frame {Frame} bytes.", Name, MacAddress, _options.RxQueues, _options.TxQueues, _options.MaxFrameSize);
    }

    private void StartReceive()
    {
        uint bufferKiB = (uint)Math.Min(_pool.DataRoom / 1024, (int)IgbBits.SrrctlPacketBufferSizeMask);
        uint thresholds = (RxPrefetchThreshold << IgbBits.DescriptorControlPrefetchShift) | (RxHostThreshold << IgbBits.DescriptorControlHostShift)
            | (RxWriteBackThreshold << IgbBits.DescriptorControlWriteBackShift);
        Queues.StartReceive(_options.HandshakeTimeout, q =>
        {
            // SRRCTL: advanced one-buffer descriptors, buffer size in KiB, drop when the queue has no descriptor (8.10.2).
            _registers.Write(IgbRegister.RxSplitControl(q), bufferKiB | IgbBits.SrrctlAdvancedOneBuffer | IgbBits.SrrctlDropEnable);
            _registers.Write(IgbRegister.RxControl(q), thresholds);
        });

        _registers.Write(IgbRegister.ReceiveControl, _registers.Read(IgbRegister.ReceiveControl) | IgbBits.ReceiveEnable);
    }

    private void StartTransmit()
    {
        Queues.ConfigureTransmit();

        // 4.5.10: TXDCTL with PTHRESH/HTHRESH and WTHRESH 0 (DD written back at RS only), then TCTL.EN.
        uint control = (TxPrefetchThreshold << IgbBits.DescriptorControlPrefetchShift) | (TxHostThreshold << IgbBits.DescriptorControlHostShift);
        Queues.EnableTransmit(control, _options.HandshakeTimeout);

        _registers.Write(IgbRegister.TransmitControl, IgbBits.TransmitEnable | IgbBits.TransmitPadShortPackets | TransmitCollisionThreshold | TransmitCollisionDistance);
    }

    private void SetUpInterrupts()
    {
        // 7.3.2 / 8.8.15: MSI-X mode, EIAM auto-mask on each message, EICR bits auto-cleared (EIAC).
        _registers.Write(IgbRegister.GeneralPurposeInterruptEnable, IgbBits.GpieMsixMode | IgbBits.GpiePbaSupport | IgbBits.GpieAutoMaskEnable);
        uint vectors = 0;
        uint interval = (uint)_options.InterruptThrottle.TotalMicroseconds << 2 & IgbBits.EitrIntervalMask;
        for (int q = 0; q < _options.RxQueues; q++)
        {
            // IVAR[q % 8]: receive queue q in bits 7:0 (q < 8) or 23:16 (q >= 8); entry = vector | valid (8.8.14).
            int shift = (q >> 3) * 16;
            uint ivar = _registers.Read(IgbRegister.InterruptVectorAllocation(q & 7)) & ~(0xFFu << shift);
            _registers.Write(IgbRegister.InterruptVectorAllocation(q & 7), ivar | (((uint)q | IgbBits.IvarValid) << shift));
            _registers.Write(IgbRegister.InterruptThrottle(q), interval | IgbBits.EitrCounterIgnore);
            vectors |= 1u << q;
        }

        _registers.Write(IgbRegister.ExtendedInterruptAutoClear, vectors);
        _registers.Write(IgbRegister.ExtendedInterruptAutoMask, vectors);
        _function.BindInterrupts(Queues.InterruptSignals());
    }

    /// <summary>
    /// Stops the port, resets the device (no queue survives a reset), disables bus mastering, then frees the rings
    /// (unmapping them) and the interrupt resources, and closes the device.
    /// </summary>
    public void Dispose()
    {
        lock (_controlLock)
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
            lock (_controlLock)
            {
                _disposed = true;
                try
                {
                    IgbDeviceSetup.Reset(ref _registers, _options.HandshakeTimeout);
                }
                catch (TimeoutException exception)
                {
                    _logger.LogWarning("{Port}: reset at close did not complete: {Message}", Name, exception.Message);
                }

                _function.DisableBusMastering();
                _queues?.Dispose();

                _function.Dispose();
            }
        }
    }
}
