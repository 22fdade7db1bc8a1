using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Igb.Statistics;
using FastPath.Drivers.Intel;
using FastPath.Drivers.Intel.Devices;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Registers;
using FastPath.Drivers.Intel.Rx;
using FastPath.Linux.Mmio;
using FastPath.Net;
using FastPath.Ports;
using Microsoft.Extensions.Logging;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Igb;

/// <summary>
/// An Intel 82576 port. Construction resets and initializes the device (82576 datasheet 4.5): interrupts masked,
/// device reset, EEPROM auto-read awaited, MAC address read (or written), link auto-negotiation restarted through the
/// PHY, statistics cleared, receive filters, frame size and RSS programmed. <see cref="IntelPort{TRegisters}.Start"/> sets up and enables the
/// rings (4.5.9, 4.5.10) and waits for the link; <see cref="IntelPort{TRegisters}.Stop"/> disables the queues, waits for the device to
/// acknowledge and returns every buffer to its pool; <see cref="IDisposable.Dispose"/> then resets the device, disables
/// bus mastering, and only then unmaps and frees the rings.
/// </summary>
/// <typeparam name="TRegisters">The register access; <see cref="MmioRegisters"/> for hardware.</typeparam>
public sealed class IgbPort<TRegisters> : IntelPort<TRegisters>
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

    private readonly PacketPool _pool;
    private IgbPortOptions _options;
    private IgbStatisticsAccumulator _statistics;

    /// <summary>Resets and initializes the device behind <paramref name="registers"/> and <paramref name="function"/>.</summary>
    /// <param name="name">The port's name.</param>
    /// <param name="registers">BAR0 register access.</param>
    /// <param name="function">Bus mastering, DMA mapping and interrupts; owned by the port from now on, disposed also when the constructor throws.</param>
    /// <param name="pool">The receive buffer pool: created with <paramref name="function"/>'s DMA mapper, or admitted by it (<see cref="IDeviceFunction.AdmitPool"/>).</param>
    /// <param name="options">Queues, rings, frame size, filters, RSS and idle mode.</param>
    /// <param name="logger">Where initialization steps are logged.</param>
    public IgbPort(string name, TRegisters registers, IDeviceFunction function, PacketPool pool, IgbPortOptions? options = null, ILogger? logger = null)
        : base(name, registers, function, options ??= new IgbPortOptions(), logger)
    {
        ArgumentNullException.ThrowIfNull(pool);
        try
        {
            Validate(function, pool, options);
        }
        catch
        {
            function.Dispose();
            throw;
        }

        _pool = pool;
        _options = options;
        _statistics = new IgbStatisticsAccumulator(options.RxQueues);
        Open(pool, RxOffsets, TxOffsets, InterruptRegisters);
    }

    /// <inheritdoc />
    public override LinkStatus Link => IgbDeviceSetup.ReadLink(ref Registers);

    /// <inheritdoc />
    protected override PortInfo Describe() => new()
    {
        Driver = "igb",
        Device = Function.Name,
        // RLPML reaches 9728 bytes with CRC and VLAN tag (8.10.3), received into chains of whole-KiB buffers.
        MaxFrameSize = _options.MaxFrameSizeLimit,
        MaxRxSegmentSize = ReceiveBufferBytes(_pool),
        MaxRxQueues = IgbPortOptions.MaxRxQueues,
        MaxTxQueues = IgbRegister.QueueCount,
        // RDLEN/TDLEN are multiples of 128 bytes, i.e. of 8 descriptors (82576 8.10.7, 8.12.7).
        RxDescriptors = new DescriptorLimits(32, 4096, 8),
        TxDescriptors = new DescriptorLimits(32, 4096, 8),
        LinkSpeedsMbps = [10, 100, 1000],
    };

    /// <inheritdoc />
    protected override RxOffloads DeviceRxOffloads => RxOffloads.VlanStrip;

    /// <inheritdoc />
    /// <remarks>VFTA[n] (82576 8.10.19).</remarks>
    protected override uint VlanFilterTable(int index) => IgbRegister.VlanFilterTable(index);

    /// <inheritdoc />
    /// <remarks>RCTL.VFE (82576 8.10.1).</remarks>
    protected override (uint Register, uint Bit) VlanFilterEnable => (IgbRegister.ReceiveControl, IgbBits.ReceiveVlanFilterEnable);

    /// <summary>Accepts (or stops accepting) every unicast and multicast frame (RCTL.UPE/MPE, 82576 8.10.1).</summary>
    public override void SetPromiscuous(bool enabled) =>
        SwitchRegisterBits(IgbRegister.ReceiveControl, IgbBits.ReceiveUnicastPromiscuous | IgbBits.ReceiveMulticastPromiscuous, enabled);

    /// <summary>Accepts (or stops accepting) every multicast frame (RCTL.MPE, 82576 8.10.1).</summary>
    public override void SetAllMulticast(bool enabled) =>
        SwitchRegisterBits(IgbRegister.ReceiveControl, IgbBits.ReceiveMulticastPromiscuous, enabled);

    /// <summary>Makes <paramref name="address"/> the port's own unicast address (RAL0/RAH0 with AV, 82576 8.10.13–14).</summary>
    public override void SetMacAddress(MacAddress address)
    {
        lock (ControlLock)
        {
            IgbDeviceSetup.WriteMacAddress(ref Registers, address);
            MacAddress = address;
        }
    }

    /// <inheritdoc />
    protected override (uint Register, uint UpBit) LinkUp => (IgbRegister.DeviceStatus, IgbBits.StatusLinkUp);

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
    protected override PortCounters ReadRawStatistics(Span<QueueStatistics> queues)
    {
        lock (ControlLock)
        {
            if (!IsDisposed)
            {
                _statistics.Accumulate(ref Registers);
            }

            return Queues.ReadStatistics(_statistics.QueuePacketsDropped, _statistics.MissedPackets, _statistics.FrameErrors, queues);
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<ExtendedStatistic> ReadHardwareCounters()
    {
        IgbHardwareStatistics h = GetHardwareStatistics();
        yield return new("gprc", h.GoodPacketsReceived);
        yield return new("gorc", h.GoodOctetsReceived);
        yield return new("gptc", h.GoodPacketsTransmitted);
        yield return new("gotc", h.GoodOctetsTransmitted);
        yield return new("tpr", h.TotalPacketsReceived);
        yield return new("tpt", h.TotalPacketsTransmitted);
        yield return new("bprc", h.BroadcastPacketsReceived);
        yield return new("mprc", h.MulticastPacketsReceived);
        yield return new("crcerrs", h.CrcErrors);
        yield return new("rlec", h.LengthErrors);
        yield return new("rxerrc", h.ReceiveErrors);
        yield return new("mpc", h.MissedPackets);
        yield return new("rnbc", h.NoBuffer);
        for (int q = 0; q < h.QueuePacketsDropped.Count; q++)
        {
            yield return new($"rqdpc_{q}", h.QueuePacketsDropped[q]);
        }
    }

    /// <summary>Reads the device's clear-on-read counters into the 64-bit totals and returns them.</summary>
    public IgbHardwareStatistics GetHardwareStatistics()
    {
        lock (ControlLock)
        {
            if (!IsDisposed)
            {
                _statistics.Accumulate(ref Registers);
            }

            return _statistics.Snapshot();
        }
    }

    /// <inheritdoc />
    protected override void ValidateOptions(IntelPortOptions options) => Validate(Function, _pool, (IgbPortOptions)options);

    /// <inheritdoc />
    protected override void Adopt(IntelPortOptions options)
    {
        _options = (IgbPortOptions)options;
        _statistics = new IgbStatisticsAccumulator(_options.RxQueues);
    }

    /// <summary>The bytes of frame one receive buffer takes: the pool's data room in whole KiB, at most 127 (SRRCTL.BSIZEPACKET bits 6:0, 82576 8.10.2).</summary>
    private static int ReceiveBufferBytes(PacketPool pool) => Math.Min(pool.DataRoom / 1024, (int)IgbBits.SrrctlPacketBufferSizeMask) * 1024;

    private static void Validate(IDeviceFunction function, PacketPool pool, IgbPortOptions options)
    {
        options.Validate();
        // SRRCTL.BSIZEPACKET counts whole KiB (82576 datasheet 8.10.2): the device fills only DataRoom / 1024 KiB of each buffer.
        int buffer = ReceiveBufferBytes(pool);
        if (buffer == 0)
        {
            throw new ArgumentException($"Mempool '{pool.Name}' has a {pool.DataRoom}-byte data room; the 82576 sizes receive buffers in whole KiB (SRRCTL.BSIZEPACKET), so it needs at least 1024 bytes.", nameof(pool));
        }

        if (!options.Rx.Scatter && buffer < options.MaxFrameSize + IntelPortOptions.VlanTagLength)
        {
            int kib = (options.MaxFrameSize + IntelPortOptions.VlanTagLength + 1023) / 1024;
            throw new ArgumentException($"Mempool '{pool.Name}' has a {pool.DataRoom}-byte data room; frames of {options.MaxFrameSize} bytes need {kib} KiB per buffer (the 82576 sizes receive buffers in whole KiB, and a VLAN tag adds 4 bytes). Enable scatter (RxOffloads.Scatter, RxQueueOptions.Scatter) to receive them as chains of {buffer}-byte buffers, or use a pool whose data room is at least {kib * 1024} bytes.", nameof(pool));
        }

        if (options.IdleInterruptThreshold is not null && function.InterruptVectorCount < options.RxQueues)
        {
            throw new ArgumentException($"{function.Name} offers {function.InterruptVectorCount} MSI-X vectors; idle mode needs one per receive queue ({options.RxQueues}).", nameof(options));
        }
    }

    /// <inheritdoc />
    protected override void Initialize()
    {
        TimeSpan timeout = _options.HandshakeTimeout;
        if (!IgbDeviceSetup.Reset(ref Registers, timeout))
        {
            Logger.LogDebug("{Port}: EECD.AUTO_RD not reported after reset; EEPROM present, continuing.", Name);
        }

        MacAddress = IgbDeviceSetup.ReadMacAddress(ref Registers);
        if (_options.MacAddress is { } configured)
        {
            IgbDeviceSetup.WriteMacAddress(ref Registers, configured);
            MacAddress = configured;
        }

        IgbDeviceSetup.RestartAutoNegotiation(ref Registers, timeout);

        // 4.5.5: statistics registers clear on read; read them all once to start from zero.
        new IgbStatisticsAccumulator(IgbRegister.QueueCount).Accumulate(ref Registers);
        IgbDeviceSetup.ConfigureReceiveFilters(ref Registers, _options.Promiscuous, _options.MaxFrameSize);
        WriteVlanFilter();

        // The 82576 strips tags for the whole port (CTRL.VME, 8.2.1), so Rx.VlanStrip, one setting for every queue, maps to it.
        uint control = Registers.Read(IgbRegister.DeviceControl);
        Registers.Write(IgbRegister.DeviceControl, _options.Rx.VlanStrip ? control | IgbBits.ControlVlanModeEnable : control & ~IgbBits.ControlVlanModeEnable);
        if (_options.RssHash)
        {
            _options.Rss.Apply(ref Registers, _options.RxQueues);
        }
        Logger.LogInformation("{Port}: reset and initialized, MAC {Mac}, {Rx} RX / {Tx} TX queues, max frame {Frame} bytes.", Name, MacAddress, _options.RxQueues, _options.TxQueues, _options.MaxFrameSize);
    }

    /// <inheritdoc />
    protected override void StartReceive()
    {
        uint bufferKiB = (uint)(ReceiveBufferBytes(_pool) / 1024);
        uint thresholds = (RxPrefetchThreshold << IgbBits.DescriptorControlPrefetchShift) | (RxHostThreshold << IgbBits.DescriptorControlHostShift)
            | (RxWriteBackThreshold << IgbBits.DescriptorControlWriteBackShift);
        Queues.StartReceive(_options.HandshakeTimeout, q =>
        {
            // SRRCTL: advanced one-buffer descriptors, buffer size in KiB, drop when the queue has no descriptor (8.10.2).
            Registers.Write(IgbRegister.RxSplitControl(q), bufferKiB | IgbBits.SrrctlAdvancedOneBuffer | IgbBits.SrrctlDropEnable);
            Registers.Write(IgbRegister.RxControl(q), thresholds);
        });

        Registers.Write(IgbRegister.ReceiveControl, Registers.Read(IgbRegister.ReceiveControl) | IgbBits.ReceiveEnable);
    }

    /// <inheritdoc />
    protected override void StartTransmit()
    {
        Queues.ConfigureTransmit();

        // 4.5.10: TXDCTL with PTHRESH/HTHRESH and WTHRESH 0 (DD written back at RS only), then TCTL.EN.
        uint control = (TxPrefetchThreshold << IgbBits.DescriptorControlPrefetchShift) | (TxHostThreshold << IgbBits.DescriptorControlHostShift);
        Queues.EnableTransmit(control, _options.HandshakeTimeout);

        Registers.Write(IgbRegister.TransmitControl, IgbBits.TransmitEnable | IgbBits.TransmitPadShortPackets | TransmitCollisionThreshold | TransmitCollisionDistance);
    }

    /// <inheritdoc />
    protected override void SetUpInterrupts()
    {
        // 7.3.2 / 8.8.15: MSI-X mode, EIAM auto-mask on each message, EICR bits auto-cleared (EIAC).
        Registers.Write(IgbRegister.GeneralPurposeInterruptEnable, IgbBits.GpieMsixMode | IgbBits.GpiePbaSupport | IgbBits.GpieAutoMaskEnable);
        uint vectors = 0;
        uint interval = (uint)_options.InterruptThrottle.TotalMicroseconds << 2 & IgbBits.EitrIntervalMask;
        for (int q = 0; q < _options.RxQueues; q++)
        {
            // IVAR[q % 8]: receive queue q in bits 7:0 (q < 8) or 23:16 (q >= 8); entry = vector | valid (8.8.14).
            int shift = (q >> 3) * 16;
            uint ivar = Registers.Read(IgbRegister.InterruptVectorAllocation(q & 7)) & ~(0xFFu << shift);
            Registers.Write(IgbRegister.InterruptVectorAllocation(q & 7), ivar | (((uint)q | IgbBits.IvarValid) << shift));
            Registers.Write(IgbRegister.InterruptThrottle(q), interval | IgbBits.EitrCounterIgnore);
            vectors |= 1u << q;
        }

        Registers.Write(IgbRegister.ExtendedInterruptAutoClear, vectors);
        Registers.Write(IgbRegister.ExtendedInterruptAutoMask, vectors);
        Function.BindInterrupts(Queues.InterruptSignals());
    }

    /// <inheritdoc />
    protected override void DisableReceive()
    {
        IgbDeviceSetup.MaskInterrupts(ref Registers);
        Registers.Write(IgbRegister.ReceiveControl, Registers.Read(IgbRegister.ReceiveControl) & ~IgbBits.ReceiveEnable);
    }

    /// <inheritdoc />
    protected override void DisableTransmit() =>
        Registers.Write(IgbRegister.TransmitControl, Registers.Read(IgbRegister.TransmitControl) & ~IgbBits.TransmitEnable);

    /// <summary>Resets the device at close (no queue survives a reset), before bus mastering is disabled.</summary>
    protected override void CloseDevice()
    {
        try
        {
            IgbDeviceSetup.Reset(ref Registers, _options.HandshakeTimeout);
        }
        catch (TimeoutException exception)
        {
            Logger.LogWarning("{Port}: reset at close did not complete: {Message}", Name, exception.Message);
        }
    }
}
