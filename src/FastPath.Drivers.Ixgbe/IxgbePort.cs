using FastPath.Drivers.Intel.Hosting;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Registers;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Intel.Tx;
using FastPath.Drivers.Ixgbe.Registers;
using FastPath.Drivers.Ixgbe.Statistics;
using FastPath.Net;
using FastPath.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MempoolPool = FastPath.Mempool.Pools.Mempool;

namespace FastPath.Drivers.Ixgbe;

/// <summary>
/// An Intel 82599 port. Construction resets and initializes the device (82599 datasheet 4.6.3): interrupts masked,
/// global reset, EEPROM auto-read and DMA init awaited, MAC address read, auto-negotiation restarted, statistics
/// cleared, filters, frame size and RSS programmed. <see cref="Start"/> sets up and enables the rings (4.6.7, 4.6.8);
/// <see cref="Stop"/> disables them, waits for the device to acknowledge and returns every buffer to its pool;
/// <see cref="IDisposable.Dispose"/> then disables bus mastering before the rings' memory is unmapped.
/// </summary>
/// <typeparam name="TRegisters">The register access: <see cref="MmioRegisters"/> for hardware, the model's for simulation.</typeparam>
public sealed class IxgbePort<TRegisters> : IPort
    where TRegisters : struct, IRegisterAccess
{
    private const uint TxPrefetchThreshold = 32;
    private const uint TxHostThreshold = 1;

    private TRegisters _registers;
    private readonly IDeviceFunction _function;
    private readonly MempoolPool _pool;
    private readonly IxgbePortOptions _options;
    private readonly ILogger _logger;
    private readonly PortQueueSet<TRegisters>? _queues;
    private readonly IxgbeStatisticsAccumulator _statistics;
    private readonly Lock _controlLock = new();
    private bool _started;
    private bool _disposed;

    /// <summary>Resets and initializes the device behind <paramref name="registers"/> and <paramref name="function"/>.</summary>
    /// <param name="name">The port's name.</param>
    /// <param name="registers">BAR0 register access.</param>
    /// <param name="function">Bus mastering, DMA mapping and interrupts; owned by the port from now on.</param>
    /// <param name="pool">The receive buffer pool, one <paramref name="function"/> admits (<see cref="IDeviceFunction.AdmitPool"/>).</param>
    /// <param name="options">Queues, rings, frame size, filters, RSS and idle mode.</param>
    /// <param name="logger">Where initialization steps are logged.</param>
    public IxgbePort(string name, TRegisters registers, IDeviceFunction function, MempoolPool pool, IxgbePortOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(pool);
        options ??= new IxgbePortOptions();
        options.Validate();
        int bufferKiB = pool.DataRoom / 1024;
        if (bufferKiB * 1024 < options.MaxFrameSize)
        {
            throw new ArgumentException($"Mempool '{pool.Name}' has a {pool.DataRoom}-byte data room; frames of {options.MaxFrameSize} bytes need {(options.MaxFrameSize + 1023) / 1024} KiB per buffer (the 82599 sizes receive buffers in whole KiB).", nameof(pool));
        }

        Name = name;
        _registers = registers;
        _function = function;
        _pool = pool;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _statistics = new IxgbeStatisticsAccumulator(Math.Max(options.RxQueues, options.TxQueues));
        try
        {
            function.AdmitPool(pool);
            function.EnableBusMastering();
            ResetAndInitialize();
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
    public LinkStatus Link
    {
        get
        {
            uint links = _registers.Read(IxgbeRegister.LinkStatus);
            if ((links & IxgbeBits.LinksUp) == 0)
            {
                return LinkStatus.Down;
            }

            int speed = (links & IxgbeBits.LinksSpeedMask) switch
            {
                IxgbeBits.LinksSpeed10G => 10_000,
                IxgbeBits.LinksSpeed1G => 1_000,
                IxgbeBits.LinksSpeed100M => 100,
                _ => 0,
            };
            return new LinkStatus(true, speed);
        }
    }

    /// <summary>The per-queue register offsets of receive queue <paramref name="queue"/>, for the shared ring code.</summary>
    public static QueueRegisterOffsets RxOffsets(int queue) => new(
        IxgbeRegister.RxBaseLow(queue), IxgbeRegister.RxBaseHigh(queue), IxgbeRegister.RxLength(queue),
        IxgbeRegister.RxHead(queue), IxgbeRegister.RxTail(queue), IxgbeRegister.RxControl(queue));

    /// <summary>
    /// The 82599's extended interrupt registers for the receive queues' idle mode: EIMS (8.2.3.5.4) and EIMC
    /// (8.2.3.5.5); EICR is not cleared before the unmask (auto-cleared through EIAC, 8.2.3.5.18).
    /// </summary>
    public static RxInterruptRegisters InterruptRegisters { get; } = new(IxgbeRegister.InterruptMaskSet, IxgbeRegister.InterruptMaskClear);

    /// <summary>The per-queue register offsets of transmit queue <paramref name="queue"/>, for the shared ring code.</summary>
    public static QueueRegisterOffsets TxOffsets(int queue) => new(
        IxgbeRegister.TxBaseLow(queue), IxgbeRegister.TxBaseHigh(queue), IxgbeRegister.TxLength(queue),
        IxgbeRegister.TxHead(queue), IxgbeRegister.TxTail(queue), IxgbeRegister.TxControl(queue));

    /// <inheritdoc />
    public IRxQueue GetRxQueue(int index) => Queues.Rx(index);

    /// <inheritdoc />
    public ITxQueue GetTxQueue(int index) => Queues.Tx(index);

    /// <summary>Receive queue <paramref name="index"/> with its concrete type (idle mode, counters).</summary>
    public InterruptibleRxQueue<TRegisters> GetIxgbeRxQueue(int index) => Queues.Rx(index);

    /// <summary>Transmit queue <paramref name="index"/> with its concrete type.</summary>
    public AdvancedTxQueue<TRegisters> GetIxgbeTxQueue(int index) => Queues.Tx(index);

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
            if (!RegisterPolling.WaitFor(ref _registers, IxgbeRegister.LinkStatus, IxgbeBits.LinksUp, IxgbeBits.LinksUp, _options.LinkTimeout))
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
            _registers.Write(IxgbeRegister.InterruptMaskClear, IxgbeBits.InterruptClearAll);
            _registers.Write(IxgbeRegister.ReceiveControl, _registers.Read(IxgbeRegister.ReceiveControl) & ~IxgbeBits.ReceiveEnable);
            Queues.StopReceive(Name, _options.HandshakeTimeout);
            // Let queued frames leave (TDH reaches TDT), then stop the queues (82599 4.6.8.1).
            Queues.StopTransmit(Name, _options.HandshakeTimeout);

            _registers.Write(IxgbeRegister.TransmitDmaControl, _registers.Read(IxgbeRegister.TransmitDmaControl) & ~IxgbeBits.TransmitDmaEnable);
            if (_options.IdleInterruptThreshold is not null)
            {
                _function.UnbindInterrupts();
            }
        }
    }

    /// <inheritdoc />
    public PortStatistics GetStatistics()
    {
        IxgbeHardwareStatistics hardware = GetHardwareStatistics();
        return Queues.GetStatistics(hardware.QueuePacketsDropped, hardware.MissedPackets, hardware.CrcErrors + hardware.LengthErrors);
    }

    /// <summary>Reads the device's clear-on-read counters into the 64-bit totals and returns them.</summary>
    public IxgbeHardwareStatistics GetHardwareStatistics()
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

    /// <summary>Accepts (or stops accepting) every unicast and multicast frame (FCTRL.UPE/MPE, 82599 8.2.3.7.1).</summary>
    public void SetPromiscuous(bool enabled)
    {
        lock (_controlLock)
        {
            uint filter = _registers.Read(IxgbeRegister.FilterControl);
            uint bits = IxgbeBits.FilterUnicastPromiscuous | IxgbeBits.FilterMulticastPromiscuous;
            _registers.Write(IxgbeRegister.FilterControl, enabled ? filter | bits : filter & ~bits);
        }
    }

    /// <summary>
    /// Accepts the multicast groups in <paramref name="addresses"/> through the 4096-bit hash table (MTA): with
    /// MCSTCTRL.MO = 00b the index is address bits 47:36, i.e. the high nibble of byte 4 and byte 5 (82599 8.2.3.7.7).
    /// </summary>
    public void SetMulticastAddresses(ReadOnlySpan<MacAddress> addresses)
    {
        Span<uint> table = stackalloc uint[IxgbeRegister.MulticastTableCount];
        table.Clear();
        foreach (MacAddress address in addresses)
        {
            int index = MulticastTableIndex(address);
            table[index >> 5] |= 1u << (index & 31);
        }

        lock (_controlLock)
        {
            for (int i = 0; i < table.Length; i++)
            {
                _registers.Write(IxgbeRegister.MulticastTable(i), table[i]);
            }
        }
    }

    /// <summary>The MTA bit a multicast address hashes to (12 bits, MO = 00b).</summary>
    public static int MulticastTableIndex(MacAddress address)
    {
        ulong value = address.Value;
        byte byte4 = (byte)(value >> 8), byte5 = (byte)value;
        return ((byte4 >> 4) | (byte5 << 4)) & 0xFFF;
    }

    /// <summary>Sets the unicast address in RAL(0)/RAH(0) (82599 8.2.3.7.9–10): byte 0 in RAL bits 7:0, bytes 4–5 in RAH bits 15:0.</summary>
    public void SetMacAddress(MacAddress address)
    {
        lock (_controlLock)
        {
            Span<byte> bytes = stackalloc byte[6];
            address.CopyTo(bytes);
            _registers.Write(IxgbeRegister.ReceiveAddressLow(0), (uint)(bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24));
            _registers.Write(IxgbeRegister.ReceiveAddressHigh(0), (uint)(bytes[4] | bytes[5] << 8) | IxgbeBits.ReceiveAddressValid);
            MacAddress = address;
        }
    }

    private void ResetAndInitialize()
    {
        TimeSpan timeout = _options.HandshakeTimeout;
        // 4.6.3.1: mask all interrupts; 4.6.3.2: global reset (RST | LRST), self-clearing, then mask again.
        _registers.Write(IxgbeRegister.InterruptMaskClear, IxgbeBits.InterruptClearAll);
        _registers.Write(IxgbeRegister.DeviceControl, _registers.Read(IxgbeRegister.DeviceControl) | IxgbeBits.ControlResetMask);
        RegisterPolling.WaitOrThrow(ref _registers, IxgbeRegister.DeviceControl, IxgbeBits.ControlResetMask, 0, timeout, $"{Name}: device reset");
        Thread.Sleep(10);
        _registers.Write(IxgbeRegister.InterruptMaskClear, IxgbeBits.InterruptClearAll);
        _registers.Read(IxgbeRegister.InterruptCause);

        // 4.6.3: wait for the EEPROM auto-read and the DMA initialization.
        RegisterPolling.WaitOrThrow(ref _registers, IxgbeRegister.EepromControl, IxgbeBits.EepromAutoReadDone, IxgbeBits.EepromAutoReadDone, timeout, $"{Name}: EEPROM auto-read");
        RegisterPolling.WaitOrThrow(ref _registers, IxgbeRegister.ReceiveDmaControl, IxgbeBits.RdrxctlDmaInitDone, IxgbeBits.RdrxctlDmaInitDone, timeout, $"{Name}: DMA initialization");
        _registers.Write(IxgbeRegister.ExtendedControl, _registers.Read(IxgbeRegister.ExtendedControl) | IxgbeBits.ExtendedControlDriverLoaded);

        uint low = _registers.Read(IxgbeRegister.ReceiveAddressLow(0));
        uint high = _registers.Read(IxgbeRegister.ReceiveAddressHigh(0));
        Span<byte> mac = [(byte)low, (byte)(low >> 8), (byte)(low >> 16), (byte)(low >> 24), (byte)high, (byte)(high >> 8)];
        MacAddress = new MacAddress(mac);
        if (_options.MacAddress is { } configured)
        {
            SetMacAddress(configured);
        }

        // 4.6.4: link setup, keeping the link mode the EEPROM loaded into AUTOC, and restarting auto-negotiation.
        _registers.Write(IxgbeRegister.AutoNegotiationControl, _registers.Read(IxgbeRegister.AutoNegotiationControl) | IxgbeBits.AutocRestartAutoNegotiation);

        // 4.6.3: statistics registers are clear-on-read; read them all once to start from zero.
        new IxgbeStatisticsAccumulator(IxgbeRegister.QueueStatisticsCount).Accumulate(ref _registers);
        _statistics.MapQueues(ref _registers);

        // 4.6.7: MAC-level receive setup, filters, frame size, RSS.
        bool jumbo = _options.MaxFrameSize > 1514;
        uint hlreg0 = _registers.Read(IxgbeRegister.MacCoreControl0) | IxgbeBits.MacRxCrcStrip | IxgbeBits.MacTxCrcEnable | IxgbeBits.MacTxPadEnable;
        _registers.Write(IxgbeRegister.MacCoreControl0, jumbo ? hlreg0 | IxgbeBits.MacJumboEnable : hlreg0 & ~IxgbeBits.MacJumboEnable);
        _registers.Write(IxgbeRegister.MaxFrameSize, (uint)(_options.MaxFrameSize + 4) << IxgbeBits.MaxFrameSizeShift);
        _registers.Write(IxgbeRegister.ReceiveDmaControl, _registers.Read(IxgbeRegister.ReceiveDmaControl) | IxgbeBits.RdrxctlCrcStrip);
        uint filter = IxgbeBits.FilterBroadcastAccept;
        if (_options.Promiscuous)
        {
            filter |= IxgbeBits.FilterUnicastPromiscuous | IxgbeBits.FilterMulticastPromiscuous;
        }

        _registers.Write(IxgbeRegister.FilterControl, filter);
        _registers.Write(IxgbeRegister.MulticastControl, IxgbeBits.MulticastFilterEnable);
        for (int i = 0; i < IxgbeRegister.MulticastTableCount; i++)
        {
            _registers.Write(IxgbeRegister.MulticastTable(i), 0);
        }

        _registers.Write(IxgbeRegister.ReceiveChecksumControl, _registers.Read(IxgbeRegister.ReceiveChecksumControl) | IxgbeBits.ChecksumPacketChecksumDisable);
        _options.Rss.Apply(ref _registers, _options.RxQueues);
        _logger.LogInformation("{Port}: reset and initialized, MAC {Mac}, {Rx} RX / {Tx} TX queues, max frame {Frame} bytes.", Name, MacAddress, _options.RxQueues, _options.TxQueues, _options.MaxFrameSize);
    }

    private void StartReceive()
    {
        uint bufferKiB = (uint)Math.Min(_pool.DataRoom / 1024, (int)IxgbeBits.SrrctlPacketBufferSizeMask);
        // SRRCTL: advanced one-buffer descriptors, buffer size in KiB, drop when the queue has no descriptor unless the
        // link is lossless (8.2.3.8.7).
        uint drop = _options.DropWhenRingFull ? IxgbeBits.SrrctlDropEnable : 0;
        Queues.StartReceive(_options.HandshakeTimeout, q => _registers.Write(IxgbeRegister.RxSplitControl(q), bufferKiB | IxgbeBits.SrrctlAdvancedOneBuffer | drop));

        _registers.Write(IxgbeRegister.ReceiveControl, _registers.Read(IxgbeRegister.ReceiveControl) | IxgbeBits.ReceiveEnable);
    }

    private void StartTransmit()
    {
        Queues.ConfigureTransmit();

        // 4.6.8: DMATXCTL.TE before the first queue enable; TXDCTL with PTHRESH/HTHRESH, WTHRESH 0 (write back at RS only).
        _registers.Write(IxgbeRegister.TransmitDmaControl, _registers.Read(IxgbeRegister.TransmitDmaControl) | IxgbeBits.TransmitDmaEnable);
        uint control = (TxPrefetchThreshold << IxgbeBits.TxdctlPrefetchShift) | (TxHostThreshold << IxgbeBits.TxdctlHostShift);
        Queues.EnableTransmit(control, _options.HandshakeTimeout);
    }

    private void SetUpInterrupts()
    {
        if (_function.InterruptVectorCount < _options.RxQueues)
        {
            throw new InvalidOperationException($"{_function.Name} offers {_function.InterruptVectorCount} MSI-X vectors; idle mode needs one per receive queue ({_options.RxQueues}).");
        }

        // 7.3.1.2 / 8.2.3.5.18: MSI-X mode, EIAM-based auto-mask on each message, EICR bits auto-cleared (EIAC).
        _registers.Write(IxgbeRegister.GeneralPurposeInterruptEnable, IxgbeBits.GpieMsixMode | IxgbeBits.GpiePbaSupport | IxgbeBits.GpieAutoMaskEnable);
        uint vectors = 0;
        uint interval = (uint)(_options.InterruptThrottle.TotalMicroseconds / 2) << 3 & IxgbeBits.EitrIntervalMask;
        for (int q = 0; q < _options.RxQueues; q++)
        {
            // IVAR(q / 2): receive queue 2n in bits 7:0, 2n+1 in bits 23:16; entry = vector | valid (8.2.3.5.16).
            int shift = (q & 1) * 16;
            uint ivar = _registers.Read(IxgbeRegister.InterruptVectorAllocation(q / 2)) & ~(0xFFu << shift);
            _registers.Write(IxgbeRegister.InterruptVectorAllocation(q / 2), ivar | (((uint)q | IxgbeBits.IvarValid) << shift));
            _registers.Write(IxgbeRegister.InterruptThrottle(q), interval | IxgbeBits.EitrCounterWriteDisable);
            vectors |= 1u << q;
        }

        _registers.Write(IxgbeRegister.InterruptAutoClear, vectors);
        _registers.Write(IxgbeRegister.InterruptAutoMask, vectors);
        _function.BindInterrupts(Queues.InterruptSignals());
    }

    /// <summary>Stops the port, disables bus mastering, then frees the rings (unmapping them) and the interrupt resources.</summary>
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
                _function.DisableBusMastering();
                _queues?.Dispose();

                _function.Dispose();
            }
        }
    }
}
