using FastPath.Drivers.Intel;
using FastPath.Drivers.Intel.Devices;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Registers;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Ixgbe.Registers;
using FastPath.Drivers.Ixgbe.Statistics;
using FastPath.Linux.Mmio;
using FastPath.Net;
using FastPath.Ports;
using Microsoft.Extensions.Logging;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Ixgbe;

/// <summary>
/// An Intel 82599 port. Construction resets and initializes the device (82599 datasheet 4.6.3): interrupts masked,
/// global reset, EEPROM auto-read and DMA init awaited, MAC address read, auto-negotiation restarted, statistics
/// cleared, filters, frame size and RSS programmed. <see cref="IntelPort{TRegisters}.Start"/> sets up and enables the rings (4.6.7, 4.6.8);
/// <see cref="IntelPort{TRegisters}.Stop"/> disables them, waits for the device to acknowledge and returns every buffer to its pool;
/// <see cref="IDisposable.Dispose"/> then disables bus mastering before the rings' memory is unmapped.
/// </summary>
/// <typeparam name="TRegisters">The register access: <see cref="MmioRegisters"/> for hardware, the model's for simulation.</typeparam>
public sealed class IxgbePort<TRegisters> : IntelPort<TRegisters>
    where TRegisters : struct, IRegisterAccess
{
    private const uint TxPrefetchThreshold = 32;
    private const uint TxHostThreshold = 1;
    private const int MaxReceiveBufferKiB = 16;

    private readonly PacketPool _pool;
    private readonly IxgbeDeviceHealth _health;
    private IxgbePortOptions _options;
    private IxgbeStatisticsAccumulator _statistics;

    /// <summary>Resets and initializes the device behind <paramref name="registers"/> and <paramref name="function"/>.</summary>
    /// <param name="name">The port's name.</param>
    /// <param name="registers">BAR0 register access.</param>
    /// <param name="function">Bus mastering, DMA mapping and interrupts; owned by the port from now on, disposed also when the constructor throws.</param>
    /// <param name="pool">The receive buffer pool, one <paramref name="function"/> admits (<see cref="IDeviceFunction.AdmitPool"/>).</param>
    /// <param name="options">Queues, rings, frame size, filters, RSS and idle mode.</param>
    /// <param name="logger">Where initialization steps are logged.</param>
    public IxgbePort(string name, TRegisters registers, IDeviceFunction function, PacketPool pool, IxgbePortOptions? options = null, ILogger? logger = null)
        : base(name, registers, function, options ??= new IxgbePortOptions(), logger)
    {
        ArgumentNullException.ThrowIfNull(pool);
        try
        {
            Validate(pool, options);
        }
        catch
        {
            function.Dispose();
            throw;
        }

        _pool = pool;
        _options = options;
        _health = new IxgbeDeviceHealth(name, Logger);
        _statistics = new IxgbeStatisticsAccumulator(Math.Max(options.RxQueues, options.TxQueues));
        Open(pool, RxOffsets, TxOffsets, InterruptRegisters);
    }

    /// <inheritdoc />
    protected override void ValidateOptions(IntelPortOptions options) => Validate(_pool, (IxgbePortOptions)options);

    /// <inheritdoc />
    protected override void Adopt(IntelPortOptions options)
    {
        _options = (IxgbePortOptions)options;
        _statistics = new IxgbeStatisticsAccumulator(Math.Max(_options.RxQueues, _options.TxQueues));
    }

    private static void Validate(PacketPool pool, IxgbePortOptions options)
    {
        options.Validate();
        int buffer = ReceiveBufferBytes(pool);
        if (buffer == 0)
        {
            throw new ArgumentException($"Mempool '{pool.Name}' has a {pool.DataRoom}-byte data room; the 82599 sizes receive buffers in whole KiB (SRRCTL.BSIZEPACKET), so it needs at least 1024 bytes.", nameof(pool));
        }

        if (!options.Rx.Scatter && buffer < options.MaxFrameSize + IntelPortOptions.VlanTagLength)
        {
            int kib = (options.MaxFrameSize + IntelPortOptions.VlanTagLength + 1023) / 1024;
            throw new ArgumentException($"Mempool '{pool.Name}' has a {pool.DataRoom}-byte data room; frames of {options.MaxFrameSize} bytes need {kib} KiB per buffer (the 82599 sizes receive buffers in whole KiB, and a VLAN tag adds 4 bytes). Enable scatter (RxOffloads.Scatter, RxQueueOptions.Scatter) to receive them as chains of {buffer}-byte buffers, or use a pool whose data room is at least {kib * 1024} bytes.", nameof(pool));
        }
    }

    /// <summary>The bytes of frame one receive buffer takes: the pool's data room in whole KiB, 1 to 16 (SRRCTL.BSIZEPACKET, 82599 8.2.3.8.7).</summary>
    private static int ReceiveBufferBytes(PacketPool pool) => Math.Min(pool.DataRoom / 1024, MaxReceiveBufferKiB) * 1024;

    /// <summary>Link drops, DMA errors and removal seen on the control-path polls (<see cref="Link"/>, statistics).</summary>
    public IxgbeDeviceHealth Health => _health;

    /// <inheritdoc />
    /// <remarks>Each read is also the port's health poll (<see cref="Health"/>): link drops, EICR.DHER, removal.</remarks>
    public override LinkStatus Link
    {
        get
        {
            uint links;
            lock (ControlLock)
            {
                if (_health.IsRemoved)
                {
                    return LinkStatus.Down;
                }

                links = Registers.Read(IxgbeRegister.LinkStatus);
                if (!_health.ObserveLink(ref Registers, links))
                {
                    return LinkStatus.Down;
                }
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

    /// <inheritdoc />
    protected override PortInfo Describe() => new()
    {
        Driver = "ixgbe",
        Device = Function.Name,
        // The 82599 takes frames up to 9018 bytes plus CRC (MAXFRS) into chains of receive buffers of whole KiB.
        MaxFrameSize = _options.MaxFrameSizeLimit,
        MaxRxSegmentSize = ReceiveBufferBytes(_pool),
        MaxRxQueues = IxgbePortOptions.MaxQueues,
        MaxTxQueues = IxgbePortOptions.MaxQueues,
        // RDLEN/TDLEN are multiples of 128 bytes, i.e. of 8 descriptors (82599 8.2.3.8.2, 8.2.3.9.6).
        RxDescriptors = new DescriptorLimits(64, 4096, 8),
        TxDescriptors = new DescriptorLimits(64, 4096, 8),
        LinkSpeedsMbps = [1000, 10000],
    };

    /// <inheritdoc />
    protected override (uint Register, uint UpBit) LinkUp => (IxgbeRegister.LinkStatus, IxgbeBits.LinksUp);

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
        IxgbeHardwareStatistics h = GetHardwareStatistics();
        yield return new("gprc", h.GoodPacketsReceived);
        yield return new("gptc", h.GoodPacketsTransmitted);
        yield return new("gorc", h.GoodOctetsReceived);
        yield return new("gotc", h.GoodOctetsTransmitted);
        yield return new("mpc", h.MissedPackets);
        yield return new("crcerrs", h.CrcErrors);
        yield return new("rlec", h.LengthErrors);
        yield return new("ruc", h.UndersizeFrames);
        yield return new("roc", h.OversizeFrames);
        yield return new("link_down_events", _health.LinkDownEvents);
        yield return new("dma_error_events", _health.DmaErrorEvents);
        yield return new("device_removed", _health.IsRemoved ? 1UL : 0UL);
        for (int q = 0; q < h.QueuePacketsReceived.Count; q++)
        {
            yield return new($"qprc_{q}", h.QueuePacketsReceived[q]);
            yield return new($"qbrc_{q}", h.QueueBytesReceived[q]);
            yield return new($"qprdc_{q}", h.QueuePacketsDropped[q]);
            yield return new($"qptc_{q}", h.QueuePacketsTransmitted[q]);
            yield return new($"qbtc_{q}", h.QueueBytesTransmitted[q]);
        }
    }

    /// <summary>Reads the device's clear-on-read counters into the 64-bit totals and returns them.</summary>
    public IxgbeHardwareStatistics GetHardwareStatistics()
    {
        lock (ControlLock)
        {
            if (!IsDisposed && !_health.CheckRemoved(ref Registers))
            {
                _statistics.Accumulate(ref Registers);
            }

            return _statistics.Snapshot();
        }
    }

    /// <summary>Accepts (or stops accepting) every unicast and multicast frame (FCTRL.UPE/MPE, 82599 8.2.3.7.1).</summary>
    public override void SetPromiscuous(bool enabled) =>
        SwitchRegisterBits(IxgbeRegister.FilterControl, IxgbeBits.FilterUnicastPromiscuous | IxgbeBits.FilterMulticastPromiscuous, enabled);

    /// <summary>Accepts (or stops accepting) every multicast frame (FCTRL.MPE, 82599 8.2.3.7.1).</summary>
    public override void SetAllMulticast(bool enabled) =>
        SwitchRegisterBits(IxgbeRegister.FilterControl, IxgbeBits.FilterMulticastPromiscuous, enabled);

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

        lock (ControlLock)
        {
            for (int i = 0; i < table.Length; i++)
            {
                Registers.Write(IxgbeRegister.MulticastTable(i), table[i]);
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
    public override void SetMacAddress(MacAddress address)
    {
        lock (ControlLock)
        {
            Span<byte> bytes = stackalloc byte[6];
            address.CopyTo(bytes);
            Registers.Write(IxgbeRegister.ReceiveAddressLow(0), (uint)(bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24));
            Registers.Write(IxgbeRegister.ReceiveAddressHigh(0), (uint)(bytes[4] | bytes[5] << 8) | IxgbeBits.ReceiveAddressValid);
            MacAddress = address;
        }
    }

    /// <inheritdoc />
    protected override bool IsDeviceGone()
    {
        lock (ControlLock)
        {
            return _health.CheckRemoved(ref Registers);
        }
    }

    /// <inheritdoc />
    protected override void Initialize()
    {
        TimeSpan timeout = _options.HandshakeTimeout;
        // 4.6.3.1: mask all interrupts; 4.6.3.2: global reset (RST | LRST), self-clearing, then mask again.
        Registers.Write(IxgbeRegister.InterruptMaskClear, IxgbeBits.InterruptClearAll);
        Registers.Write(IxgbeRegister.DeviceControl, Registers.Read(IxgbeRegister.DeviceControl) | IxgbeBits.ControlResetMask);
        RegisterPolling.WaitOrThrow(ref Registers, IxgbeRegister.DeviceControl, IxgbeBits.ControlResetMask, 0, timeout, $"{Name}: device reset");
        Thread.Sleep(10);
        Registers.Write(IxgbeRegister.InterruptMaskClear, IxgbeBits.InterruptClearAll);
        Registers.Read(IxgbeRegister.InterruptCause);

        // 4.6.3: wait for the EEPROM auto-read and the DMA initialization.
        RegisterPolling.WaitOrThrow(ref Registers, IxgbeRegister.EepromControl, IxgbeBits.EepromAutoReadDone, IxgbeBits.EepromAutoReadDone, timeout, $"{Name}: EEPROM auto-read");
        RegisterPolling.WaitOrThrow(ref Registers, IxgbeRegister.ReceiveDmaControl, IxgbeBits.RdrxctlDmaInitDone, IxgbeBits.RdrxctlDmaInitDone, timeout, $"{Name}: DMA initialization");
        Registers.Write(IxgbeRegister.ExtendedControl, Registers.Read(IxgbeRegister.ExtendedControl) | IxgbeBits.ExtendedControlDriverLoaded);

        uint low = Registers.Read(IxgbeRegister.ReceiveAddressLow(0));
        uint high = Registers.Read(IxgbeRegister.ReceiveAddressHigh(0));
        Span<byte> mac = [(byte)low, (byte)(low >> 8), (byte)(low >> 16), (byte)(low >> 24), (byte)high, (byte)(high >> 8)];
        MacAddress = new MacAddress(mac);
        if (_options.MacAddress is { } configured)
        {
            SetMacAddress(configured);
        }

        // 4.6.4: link setup, keeping the link mode the EEPROM loaded into AUTOC, and restarting auto-negotiation.
        Registers.Write(IxgbeRegister.AutoNegotiationControl, Registers.Read(IxgbeRegister.AutoNegotiationControl) | IxgbeBits.AutocRestartAutoNegotiation);

        // 4.6.3: statistics registers are clear-on-read; read them all once to start from zero.
        new IxgbeStatisticsAccumulator(IxgbeRegister.QueueStatisticsCount).Accumulate(ref Registers);
        _statistics.MapQueues(ref Registers);

        // 4.6.7: MAC-level receive setup, filters, frame size, RSS. MAXFRS.MFS counts the CRC, not a VLAN tag, which may
        // come on top (8.2.3.22.13); it applies only with HLREG0.JUMBOEN, without which the limit is 1518 (8.2.3.22.8).
        bool jumbo = _options.MaxFrameSize > 1514;
        uint hlreg0 = Registers.Read(IxgbeRegister.MacCoreControl0) | IxgbeBits.MacRxCrcStrip | IxgbeBits.MacTxCrcEnable | IxgbeBits.MacTxPadEnable;
        Registers.Write(IxgbeRegister.MacCoreControl0, jumbo ? hlreg0 | IxgbeBits.MacJumboEnable : hlreg0 & ~IxgbeBits.MacJumboEnable);
        Registers.Write(IxgbeRegister.MaxFrameSize, (uint)(_options.MaxFrameSize + 4) << IxgbeBits.MaxFrameSizeShift);
        Registers.Write(IxgbeRegister.ReceiveDmaControl, Registers.Read(IxgbeRegister.ReceiveDmaControl) | IxgbeBits.RdrxctlCrcStrip);
        uint filter = IxgbeBits.FilterBroadcastAccept;
        if (_options.Promiscuous)
        {
            filter |= IxgbeBits.FilterUnicastPromiscuous | IxgbeBits.FilterMulticastPromiscuous;
        }

        Registers.Write(IxgbeRegister.FilterControl, filter);
        Registers.Write(IxgbeRegister.MulticastControl, IxgbeBits.MulticastFilterEnable);
        for (int i = 0; i < IxgbeRegister.MulticastTableCount; i++)
        {
            Registers.Write(IxgbeRegister.MulticastTable(i), 0);
        }

        // VLNCTRL: tags are ethertype 0x8100; VFE is set only while an id is accepted (promiscuous VLAN until then).
        Registers.Write(IxgbeRegister.VlanControl, 0x8100);
        WriteVlanFilter();
        Registers.Write(IxgbeRegister.ReceiveChecksumControl, Registers.Read(IxgbeRegister.ReceiveChecksumControl) | IxgbeBits.ChecksumPacketChecksumDisable);
        if (_options.RssHash)
        {
            _options.Rss.Apply(ref Registers, _options.RxQueues);
        }
        Logger.LogInformation("{Port}: reset and initialized, MAC {Mac}, {Rx} RX / {Tx} TX queues, max frame {Frame} bytes.", Name, MacAddress, _options.RxQueues, _options.TxQueues, _options.MaxFrameSize);
    }

    /// <inheritdoc />
    protected override RxOffloads DeviceRxOffloads => RxOffloads.VlanStrip;

    /// <inheritdoc />
    /// <remarks>VFTA[n] (82599 8.2.3.7.15).</remarks>
    protected override uint VlanFilterTable(int index) => IxgbeRegister.VlanFilterTable(index);

    /// <inheritdoc />
    /// <remarks>VLNCTRL.VFE (82599 8.2.3.7.2).</remarks>
    protected override (uint Register, uint Bit) VlanFilterEnable => (IxgbeRegister.VlanControl, IxgbeBits.VlanFilterEnable);

    /// <inheritdoc />
    protected override void StartReceive()
    {
        uint bufferKiB = (uint)(ReceiveBufferBytes(_pool) / 1024);
        // SRRCTL: advanced one-buffer descriptors, buffer size in KiB (a longer frame continues in the next descriptors,
        // EOP on its last, 82599 7.1.6), drop when the queue has no descriptor unless the link is lossless (8.2.3.8.7).
        uint drop = _options.DropWhenRingFull ? IxgbeBits.SrrctlDropEnable : 0;
        // RXDCTL.VME per queue strips the tag into the descriptor (8.2.3.8.6), when the port asks for it.
        bool strip = _options.Rx.VlanStrip;
        Queues.StartReceive(_options.HandshakeTimeout, q =>
        {
            Registers.Write(IxgbeRegister.RxSplitControl(q), bufferKiB | IxgbeBits.SrrctlAdvancedOneBuffer | drop);
            uint rxdctl = Registers.Read(IxgbeRegister.RxControl(q));
            Registers.Write(IxgbeRegister.RxControl(q), strip ? rxdctl | IxgbeBits.RxdctlVlanStrip : rxdctl & ~IxgbeBits.RxdctlVlanStrip);
        });

        Registers.Write(IxgbeRegister.ReceiveControl, Registers.Read(IxgbeRegister.ReceiveControl) | IxgbeBits.ReceiveEnable);
    }

    /// <inheritdoc />
    protected override void StartTransmit()
    {
        Queues.ConfigureTransmit();

        // 4.6.8: DMATXCTL.TE before the first queue enable; TXDCTL with PTHRESH/HTHRESH, WTHRESH 0 (write back at RS only).
        Registers.Write(IxgbeRegister.TransmitDmaControl, Registers.Read(IxgbeRegister.TransmitDmaControl) | IxgbeBits.TransmitDmaEnable);
        uint control = (TxPrefetchThreshold << IxgbeBits.TxdctlPrefetchShift) | (TxHostThreshold << IxgbeBits.TxdctlHostShift);
        Queues.EnableTransmit(control, _options.HandshakeTimeout);
    }

    /// <inheritdoc />
    protected override void SetUpInterrupts()
    {
        if (Function.InterruptVectorCount < _options.RxQueues)
        {
            throw new InvalidOperationException($"{Function.Name} offers {Function.InterruptVectorCount} MSI-X vectors; idle mode needs one per receive queue ({_options.RxQueues}).");
        }

        // 7.3.1.2 / 8.2.3.5.18: MSI-X mode, EIAM-based auto-mask on each message, EICR bits auto-cleared (EIAC).
        Registers.Write(IxgbeRegister.GeneralPurposeInterruptEnable, IxgbeBits.GpieMsixMode | IxgbeBits.GpiePbaSupport | IxgbeBits.GpieAutoMaskEnable);
        uint vectors = 0;
        uint interval = (uint)(_options.InterruptThrottle.TotalMicroseconds / 2) << 3 & IxgbeBits.EitrIntervalMask;
        for (int q = 0; q < _options.RxQueues; q++)
        {
            // IVAR(q / 2): receive queue 2n in bits 7:0, 2n+1 in bits 23:16; entry = vector | valid (8.2.3.5.16).
            int shift = (q & 1) * 16;
            uint ivar = Registers.Read(IxgbeRegister.InterruptVectorAllocation(q / 2)) & ~(0xFFu << shift);
            Registers.Write(IxgbeRegister.InterruptVectorAllocation(q / 2), ivar | (((uint)q | IxgbeBits.IvarValid) << shift));
            Registers.Write(IxgbeRegister.InterruptThrottle(q), interval | IxgbeBits.EitrCounterWriteDisable);
            vectors |= 1u << q;
        }

        Registers.Write(IxgbeRegister.InterruptAutoClear, vectors);
        Registers.Write(IxgbeRegister.InterruptAutoMask, vectors);
        Function.BindInterrupts(Queues.InterruptSignals());
    }

    /// <inheritdoc />
    protected override void DisableReceive()
    {
        Registers.Write(IxgbeRegister.InterruptMaskClear, IxgbeBits.InterruptClearAll);
        Registers.Write(IxgbeRegister.ReceiveControl, Registers.Read(IxgbeRegister.ReceiveControl) & ~IxgbeBits.ReceiveEnable);
    }

    /// <inheritdoc />
    protected override void DisableTransmit() =>
        Registers.Write(IxgbeRegister.TransmitDmaControl, Registers.Read(IxgbeRegister.TransmitDmaControl) & ~IxgbeBits.TransmitDmaEnable);
}
