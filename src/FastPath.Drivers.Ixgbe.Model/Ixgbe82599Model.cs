using System.Buffers.Binary;
using System.Diagnostics;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Ixgbe.Registers;
using FastPath.Net;

namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>
/// A behavioural model of one 82599 port at register and DMA level. Registers follow the datasheet: CTRL.RST
/// self-clears and resets the device, EEC.ARD and RDRXCTL.DMAIDONE become ready a few reads after reset, LINKS comes
/// up a few reads after auto-negotiation is restarted with a cable attached, RXDCTL/TXDCTL acknowledge enable on a
/// later read, statistics clear on read, EIMS/EIMC/EICR behave as in MSI-X mode. Transmit fetches advanced
/// descriptors through the <see cref="SimulatedIommu"/>, applies checksum offloads, pads, appends the FCS and puts
/// the frame on the <see cref="SimulatedCable"/>; receive checks FCS and size, filters, classifies (RSS, checksums),
/// picks the queue from RETA, strips the CRC and writes buffers and advanced write-back descriptors. As on hardware,
/// DMA is asynchronous: a tail write (doorbell) only wakes the device's DMA engine, a thread of its own (started by
/// <see cref="ModelDeviceFunction"/>, stopped when the function closes) that fetches and writes back descriptors,
/// and keeps prefetching receive descriptors, while bus mastering is on and queues are enabled. Tests stay
/// deterministic through <see cref="WaitUntilIdle"/> (or by pausing the engine, <see cref="EnginePaused"/>, and
/// stepping it with <see cref="Advance"/>). Faults are injected through <c>Inject*</c> methods. On a cable with flow control the transmitter pauses, at a frame boundary, while the peer holds
/// frames in its packet buffer, and resumes when the peer's new receive descriptors drain it (802.3x pause, reduced
/// to its effect). Refused DMA is recorded in <see cref="Violations"/>.
/// </summary>
public sealed unsafe partial class Ixgbe82599Model
{
    private const int RegisterSpace = 0x80000;
    private const int Queues = 16;
    private const int HandshakeReads = 2;
    private const int RxPacketBufferBytes = 512 * 1024;
    private const uint RxQueueBlock = 0x01000;
    private const uint TxQueueBlock = 0x06000;
    private readonly uint[] _registers = new uint[RegisterSpace / 4];
    private readonly Dictionary<uint, ulong> _counters = [];
    private readonly Dictionary<uint, uint> _latchedHigh = [];
    private readonly int[] _rxEnableCountdown = new int[Queues];
    private readonly int[] _txEnableCountdown = new int[Queues];
    private readonly List<byte>[] _txFrames = new List<byte>[Queues];
    private readonly AdvancedTxDescriptor[] _txContexts = new AdvancedTxDescriptor[Queues];
    private readonly uint[] _txFirstCommand = new uint[Queues];
    private readonly uint[] _txFirstOffload = new uint[Queues];
    private readonly bool[] _txInFrame = new bool[Queues];
    private readonly Queue<byte[]> _rxPacketBuffer = new();
    private readonly long[] _lastInterrupt = new long[Queues];
    private readonly bool[] _interruptPending = new bool[Queues];
    private readonly List<DmaViolation> _violations = [];
    private int _rxPacketBufferBytes;
    private int _resetCountdown;
    private int _eepromCountdown;
    private int _dmaInitCountdown;
    private int _autonegCountdown = -1;
    private bool _enginePaused;
    private bool _busMasterEnabled;
    private ModelDmaEngine? _engine;

    /// <summary>Creates a powered-on, reset device with <paramref name="macAddress"/> in its EEPROM.</summary>
    public Ixgbe82599Model(MacAddress macAddress, SimulatedIommu iommu)
    {
        MacAddress = macAddress;
        Iommu = iommu;
        for (int q = 0; q < Queues; q++)
        {
            _txFrames[q] = [];
        }

        ResetDevice();
    }

    /// <summary>The address the EEPROM loads into RAL(0)/RAH(0) on reset.</summary>
    public MacAddress MacAddress { get; }

    /// <summary>The IOMMU every DMA goes through.</summary>
    public SimulatedIommu Iommu { get; }

    /// <summary>The cable to the peer, when attached.</summary>
    public SimulatedCable? Cable { get; internal set; }

    /// <summary>
    /// Whether PCI bus mastering is on; DMA without it is a violation. Turning it off lets the descriptor accesses
    /// already under way complete first (the model's reduction: one last prefetch of every enabled receive queue), so
    /// memory freed while queues were still enabled is caught even when bus mastering goes off right after.
    /// </summary>
    public bool BusMasterEnabled
    {
        get => _busMasterEnabled;
        set
        {
            lock (Sync)
            {
                if (_busMasterEnabled && !value && !_removed)
                {
                    PrefetchReceiveDescriptors();
                }

                _busMasterEnabled = value;
            }
        }
    }

    /// <summary>Whether the DMA engine thread is held, so that only <see cref="Advance"/> processes the rings.</summary>
    public bool EnginePaused
    {
        get { lock (Sync) { return _enginePaused; } }
        set { lock (Sync) { _enginePaused = value; Monitor.PulseAll(Sync); } }
    }

    /// <summary>Called with the vector number when the device sends an MSI-X message.</summary>
    public Action<int>? InterruptRaised { get; set; }

    /// <summary>DMA accesses refused so far.</summary>
    public IReadOnlyList<DmaViolation> Violations { get { lock (Sync) { return [.. _violations]; } } }

    /// <summary>Frames transmitted onto the cable.</summary>
    public ulong FramesSent { get; private set; }

    /// <summary>Whether received frames wait in the packet buffer for descriptors (with flow control, the peer pauses).</summary>
    internal bool HasReceiveBacklog => _rxPacketBuffer.Count > 0;

    internal object Sync => Cable?.Sync ?? _registers;

    /// <summary>Reads a register with its side effects (clear on read, handshakes).</summary>
    public uint ReadRegister(uint offset)
    {
        lock (Sync)
        {
            return Read(offset);
        }
    }

    /// <summary>Writes a register with its side effects (reset, doorbells, interrupt masks).</summary>
    public void WriteRegister(uint offset, uint value)
    {
        lock (Sync)
        {
            Write(offset, value);
        }
    }

    /// <summary>
    /// Runs one DMA engine cycle on the caller's thread: processes every enabled transmit ring, drains the receive
    /// packet buffer, prefetches receive descriptors and delivers due interrupts.
    /// </summary>
    public void Advance()
    {
        lock (Sync)
        {
            RunCycleLocked();
        }
    }

    /// <summary>
    /// Waits until the DMA engine has run a whole cycle, begun after this call, that found nothing to do: every
    /// doorbell rung before the call has been served. Without a running engine (not started, or paused) it runs
    /// one cycle on the caller's thread instead.
    /// </summary>
    /// <returns>Whether the engine went idle within <paramref name="timeout"/>.</returns>
    public bool WaitUntilIdle(TimeSpan timeout)
    {
        lock (Sync)
        {
            if (_engine is not { IsRunning: true } engine || _enginePaused)
            {
                RunCycleLocked();
                return true;
            }

            return engine.WaitUntilIdleLocked(timeout);
        }
    }

    /// <summary>Starts the DMA engine thread (idempotent); <see cref="ModelDeviceFunction"/> does, when it opens the device.</summary>
    internal void StartEngine(string name)
    {
        lock (Sync)
        {
            if (_engine is { IsRunning: true })
            {
                return;
            }

            _engine = new ModelDmaEngine(this, name);
        }

        _engine.Start();
    }

    /// <summary>Stops the DMA engine thread and waits for it to end; the model keeps its state for inspection.</summary>
    internal void StopEngine()
    {
        ModelDmaEngine? engine;
        lock (Sync)
        {
            engine = _engine;
            _engine = null;
        }

        engine?.Stop();
    }

    /// <summary>Whether the engine thread may run a cycle now (not paused); the caller holds <see cref="Sync"/>.</summary>
    internal bool EngineMayRun => !_enginePaused;

    /// <summary>Whether the DMA engine thread is running (from device open to device close).</summary>
    public bool IsEngineRunning { get { lock (Sync) { return _engine is { IsRunning: true }; } } }

    /// <summary>Wakes the DMA engine (a doorbell); the caller holds <see cref="Sync"/>.</summary>
    private void RingDoorbell() => _engine?.WakeLocked();

    /// <summary>Delivers a frame from the wire (FCS included), as if the peer had sent it.</summary>
    public void ReceiveFromWire(ReadOnlySpan<byte> frameWithFcs)
    {
        lock (Sync)
        {
            Receive(frameWithFcs.ToArray());
        }
    }

    private ref uint Register(uint offset) => ref _registers[offset / 4];

    private uint Read(uint offset)
    {
        if (_removed)
        {
            return 0xFFFFFFFF;
        }

        if (_counters.ContainsKey(offset) || _latchedHigh.ContainsKey(offset))
        {
            return ReadCounter(offset);
        }

        switch (offset)
        {
            case IxgbeRegister.DeviceControl:
                if (_resetCountdown > 0 && --_resetCountdown == 0)
                {
                    Register(offset) &= ~IxgbeBits.ControlResetMask;
                }

                return Register(offset);
            case IxgbeRegister.EepromControl:
                return _eepromCountdown > 0 && _eepromCountdown-- > 0 ? Register(offset) & ~IxgbeBits.EepromAutoReadDone : Register(offset) | IxgbeBits.EepromAutoReadDone;
            case IxgbeRegister.ReceiveDmaControl:
                return _dmaInitCountdown > 0 && _dmaInitCountdown-- > 0 ? Register(offset) & ~IxgbeBits.RdrxctlDmaInitDone : Register(offset) | IxgbeBits.RdrxctlDmaInitDone;
            case IxgbeRegister.LinkStatus:
                if (_autonegCountdown > 0)
                {
                    _autonegCountdown--;
                }

                return _autonegCountdown == 0 && Cable is not null && !IsLinkDown ? IxgbeBits.LinksUp | IxgbeBits.LinksSpeed10G : 0;
            case IxgbeRegister.InterruptCause:
                uint cause = Register(offset);
                Register(offset) = 0;
                return cause;
        }

        if (QueueRegister(offset, RxQueueBlock, out int rx, out uint rxRegister) && rxRegister == 0x28)
        {
            return _rxEnableCountdown[rx] > 0 && --_rxEnableCountdown[rx] > 0 ? Register(offset) & ~QueueRegisterOffsets.QueueEnable : Register(offset);
        }

        if (QueueRegister(offset, TxQueueBlock, out int tx, out uint txRegister) && txRegister == 0x28)
        {
            return _txEnableCountdown[tx] > 0 && --_txEnableCountdown[tx] > 0 ? Register(offset) & ~QueueRegisterOffsets.QueueEnable : Register(offset);
        }

        return offset < RegisterSpace ? Register(offset) : 0xFFFFFFFF;
    }

    private void Write(uint offset, uint value)
    {
        if (_removed || offset >= RegisterSpace || _counters.ContainsKey(offset))
        {
            return;
        }

        switch (offset)
        {
            case IxgbeRegister.DeviceControl:
                if ((value & IxgbeBits.ControlReset) != 0)
                {
                    ResetDevice();
                    _resetCountdown = HandshakeReads;
                }

                Register(offset) = value;
                return;
            case IxgbeRegister.InterruptMaskSet:
                Register(offset) |= value;
                DeliverInterrupts();
                return;
            case IxgbeRegister.InterruptMaskClear:
                Register(IxgbeRegister.InterruptMaskSet) &= ~value;
                return;
            case IxgbeRegister.InterruptCause:
                Register(offset) &= ~value;
                return;
            case IxgbeRegister.AutoNegotiationControl:
                if ((value & IxgbeBits.AutocRestartAutoNegotiation) != 0)
                {
                    _autonegCountdown = 3;
                }

                Register(offset) = value & ~IxgbeBits.AutocRestartAutoNegotiation;
                return;
        }

        uint previous = Register(offset);
        Register(offset) = value;
        if (QueueRegister(offset, RxQueueBlock, out int rx, out uint rxRegister))
        {
            if (rxRegister == 0x28)
            {
                _rxEnableCountdown[rx] = (value & QueueRegisterOffsets.QueueEnable) != 0 ? HandshakeReads : 0;
                if ((previous & ~value & QueueRegisterOffsets.QueueEnable) != 0 && !_rxFaulted[rx] && BusMasterEnabled)
                {
                    // A queue stops only once it has finished the descriptor it holds; the model reduces that to one last
                    // access to the ring, made as ENABLE clears, so memory freed before the disable is caught every time.
                    PrefetchReceiveDescriptor(rx, "descriptor write-back as the queue stops");
                }

                _rxFaulted[rx] = false;
            }
            else if (rxRegister == 0x18)
            {
                RingDoorbell();
            }
        }
        else if (QueueRegister(offset, TxQueueBlock, out int tx, out uint txRegister))
        {
            if (txRegister == 0x28)
            {
                _txEnableCountdown[tx] = (value & QueueRegisterOffsets.QueueEnable) != 0 ? HandshakeReads : 0;
                _txFaulted[tx] = false;
            }
            else if (txRegister == 0x18)
            {
                RingDoorbell();
            }
        }
    }

    private static bool QueueRegister(uint offset, uint block, out int queue, out uint register)
    {
        queue = (int)((offset - block) / 0x40);
        register = (offset - block) % 0x40;
        return offset >= block && queue < Queues;
    }

    private void ResetDevice()
    {
        Array.Clear(_registers);
        _counters.Clear();
        _latchedHigh.Clear();
        Array.Clear(_rxEnableCountdown);
        Array.Clear(_txEnableCountdown);
        Array.Clear(_rxFaulted);
        Array.Clear(_txFaulted);
        _rxPacketBuffer.Clear();
        _rxPacketBufferBytes = 0;
        _autonegCountdown = -1;
        _eepromCountdown = HandshakeReads;
        _dmaInitCountdown = HandshakeReads;
        foreach (List<byte> frame in _txFrames)
        {
            frame.Clear();
        }

        // Defaults after reset (82599 8.2.3): CRC append/strip and padding on, 1518-byte frames, 2 KiB legacy buffers.
        Register(IxgbeRegister.MacCoreControl0) = IxgbeBits.MacTxCrcEnable | IxgbeBits.MacRxCrcStrip | IxgbeBits.MacTxPadEnable;
        Register(IxgbeRegister.MaxFrameSize) = 1518u << IxgbeBits.MaxFrameSizeShift;
        Register(IxgbeRegister.VlanControl) = 0x8100;
        Register(IxgbeRegister.TransmitDmaControl) = 0x8100u << IxgbeBits.DmatxctlVlanEtherTypeShift;
        Array.Clear(_txInFrame);
        for (int q = 0; q < Queues; q++)
        {
            Register(IxgbeRegister.RxSplitControl(q)) = 2;
        }

        Span<byte> mac = stackalloc byte[6];
        MacAddress.CopyTo(mac);
        Register(IxgbeRegister.ReceiveAddressLow(0)) = BinaryPrimitives.ReadUInt32LittleEndian(mac);
        Register(IxgbeRegister.ReceiveAddressHigh(0)) = BinaryPrimitives.ReadUInt16LittleEndian(mac[4..]) | IxgbeBits.ReceiveAddressValid;
        foreach (uint counter in (ReadOnlySpan<uint>)[IxgbeRegister.CrcErrorCount, IxgbeRegister.LengthErrorCount, IxgbeRegister.UndersizeCount, IxgbeRegister.OversizeCount, IxgbeRegister.GoodPacketsReceived, IxgbeRegister.GoodPacketsTransmitted, IxgbeRegister.GoodOctetsReceivedLow, IxgbeRegister.GoodOctetsTransmittedLow])
        {
            _counters[counter] = 0;
        }

        _latchedHigh[IxgbeRegister.GoodOctetsReceivedHigh] = 0;
        _latchedHigh[IxgbeRegister.GoodOctetsTransmittedHigh] = 0;
        for (int i = 0; i < IxgbeRegister.MissedPacketCounters; i++)
        {
            _counters[IxgbeRegister.MissedPackets(i)] = 0;
        }

        for (int q = 0; q < Queues; q++)
        {
            _counters[IxgbeRegister.QueuePacketsReceived(q)] = 0;
            _counters[IxgbeRegister.QueuePacketsDropped(q)] = 0;
            _counters[IxgbeRegister.QueuePacketsTransmitted(q)] = 0;
            _counters[IxgbeRegister.QueueBytesReceivedLow(q)] = 0;
            _counters[IxgbeRegister.QueueBytesTransmittedLow(q)] = 0;
            _latchedHigh[IxgbeRegister.QueueBytesReceivedHigh(q)] = 0;
            _latchedHigh[IxgbeRegister.QueueBytesTransmittedHigh(q)] = 0;
        }
    }

    private uint ReadCounter(uint offset)
    {
        if (_latchedHigh.TryGetValue(offset, out uint high))
        {
            _latchedHigh[offset] = 0;
            return high;
        }

        ulong value = _counters[offset];
        _counters[offset] = 0;
        // Split counters: the low half latches the high half, whose read then clears it (82599 8.2.3.23).
        uint highOffset = offset + 4;
        if (_latchedHigh.ContainsKey(highOffset))
        {
            _latchedHigh[highOffset] = (uint)(value >> 32);
        }

        return (uint)value;
    }

    private void Count(uint offset, ulong amount) => _counters[offset] += amount;

    private int StatisticsSet(uint mappingBase, int queue) => (int)((Register(mappingBase + (uint)(queue / 4 * 4)) >> (8 * (queue % 4))) & 0xF);

    private byte* Dma(ulong iova, int length, string operation)
    {
        if (!BusMasterEnabled)
        {
            _violations.Add(new DmaViolation(iova, length, $"{operation} with bus mastering disabled"));
            return null;
        }

        byte* pointer = Iommu.Translate(iova, length);
        if (pointer == null)
        {
            _violations.Add(new DmaViolation(iova, length, $"{operation} into unmapped memory (released or never mapped)"));
        }

        return pointer;
    }

    /// <summary>
    /// One DMA engine cycle: transmit rings, the receive packet buffer, receive descriptor prefetch, interrupts.
    /// Nothing moves without bus mastering or after a surprise removal. The caller holds <see cref="Sync"/>.
    /// </summary>
    /// <returns>Whether the cycle made progress (a descriptor processed or a held frame delivered).</returns>
    internal bool RunCycleLocked()
    {
        if (!BusMasterEnabled || _removed)
        {
            return false;
        }

        bool progress = TransmitLocked();
        bool hadBacklog = _rxPacketBuffer.Count > 0;
        while (_rxPacketBuffer.TryPeek(out byte[]? pending) && TryDeliver(pending, fromPacketBuffer: true))
        {
            _rxPacketBuffer.Dequeue();
            _rxPacketBufferBytes -= pending.Length;
            progress = true;
        }

        if (hadBacklog && _rxPacketBuffer.Count == 0)
        {
            Cable?.ResumeTransmitter(this);
        }

        PrefetchReceiveDescriptors();
        DeliverInterrupts();
        return progress;
    }

    /// <summary>
    /// Reads the descriptor at the head of every enabled receive queue that has descriptors, as the 82599's receive
    /// descriptor prefetch does once a queue is enabled and its tail moved (RXDCTL.PTHRESH, 82599 7.1.5.1.2), whether
    /// or not a frame arrives; a ring freed while its queue is enabled is caught here.
    /// </summary>
    private void PrefetchReceiveDescriptors()
    {
        for (int q = 0; q < Queues; q++)
        {
            if ((Register(IxgbeRegister.RxControl(q)) & QueueRegisterOffsets.QueueEnable) != 0 && !_rxFaulted[q])
            {
                PrefetchReceiveDescriptor(q, "descriptor prefetch");
            }
        }
    }

    private void PrefetchReceiveDescriptor(int q, string operation)
    {
        uint count = Register(IxgbeRegister.RxLength(q)) / AdvancedRxDescriptor.Size;
        uint head = Register(IxgbeRegister.RxHead(q));
        if (count == 0 || head == Register(IxgbeRegister.RxTail(q)))
        {
            return;
        }

        ulong ring = Register(IxgbeRegister.RxBaseLow(q)) | ((ulong)Register(IxgbeRegister.RxBaseHigh(q)) << 32);
        if (Dma(ring + head * AdvancedRxDescriptor.Size, AdvancedRxDescriptor.Size, $"RX queue {q} {operation}") == null)
        {
            FaultQueue(_rxFaulted, q);
        }
    }

    /// <summary>Processes every enabled transmit ring; the caller holds <see cref="Sync"/>.</summary>
    /// <returns>Whether any descriptor was processed.</returns>
    internal bool TransmitLocked()
    {
        bool progress = false;
        if (!_removed && BusMasterEnabled && (Register(IxgbeRegister.TransmitDmaControl) & IxgbeBits.TransmitDmaEnable) != 0)
        {
            for (int q = 0; q < Queues; q++)
            {
                if ((Register(IxgbeRegister.TxControl(q)) & QueueRegisterOffsets.QueueEnable) != 0 && !_txFaulted[q])
                {
                    progress |= ProcessTransmit(q);
                }
            }
        }

        return progress;
    }

    private bool ProcessTransmit(int q)
    {
        ulong ring = Register(IxgbeRegister.TxBaseLow(q)) | ((ulong)Register(IxgbeRegister.TxBaseHigh(q)) << 32);
        uint count = Register(IxgbeRegister.TxLength(q)) / AdvancedTxDescriptor.Size;
        uint head = Register(IxgbeRegister.TxHead(q));
        uint tail = Register(IxgbeRegister.TxTail(q));
        uint start = head;
        while (head != tail && count != 0)
        {
            if (_txFrames[q].Count == 0 && Cable is { } cable && cable.IsPaused(this))
            {
                break;
            }

            var descriptor = (AdvancedTxDescriptor*)Dma(ring + head * AdvancedTxDescriptor.Size, AdvancedTxDescriptor.Size, $"TX queue {q} descriptor fetch");
            if (descriptor == null)
            {
                FaultQueue(_txFaulted, q);
                break;
            }

            uint command = descriptor->CommandTypeLength;
            if ((command & AdvancedTxBits.TypeMask) == AdvancedTxBits.TypeContext)
            {
                _txContexts[q] = *descriptor;
            }
            else
            {
                int length = (int)(command & AdvancedTxBits.DataLengthMask);
                byte* data = Dma(descriptor->BufferAddress, length, $"TX queue {q} data read");
                if (data == null)
                {
                    FaultQueue(_txFaulted, q);
                    break;
                }

                // A frame is one data descriptor per buffer up to EOP (82599 7.2.3.2.4). The model takes the per-frame
                // fields, the command's IFCS and VLE and the offload word (POPTS, CC, PAYLEN), from the first one; the
                // driver writes the same values into every descriptor of a frame, so it does not rely on which one the
                // device reads.
                uint offload = descriptor->OffloadStatus;
                if (!_txInFrame[q])
                {
                    _txInFrame[q] = true;
                    _txFirstCommand[q] = command;
                    _txFirstOffload[q] = offload;
                }

                _txFrames[q].AddRange(new ReadOnlySpan<byte>(data, length));
                if ((command & AdvancedTxBits.EndOfPacket) != 0)
                {
                    _txInFrame[q] = false;
                    SendFrame(q, _txFirstOffload[q], _txFirstCommand[q]);
                }

                if ((command & AdvancedTxBits.ReportStatus) != 0)
                {
                    descriptor->OffloadStatus = offload | AdvancedTxBits.DescriptorDone;
                }
            }

            head = (head + 1) % count;
        }

        Register(IxgbeRegister.TxHead(q)) = head;
        return head != start;
    }

    private void SendFrame(int q, uint offload, uint command)
    {
        byte[] frame = [.. _txFrames[q]];
        _txFrames[q].Clear();
        uint payload = offload >> AdvancedTxBits.PayloadLengthShift;
        if (payload != frame.Length)
        {
            // Non-TSO, PAYLEN is the whole frame the descriptors fetch (7.2.3.2.4); what the device does otherwise is
            // undefined, so the model refuses the frame and records the driver's mistake.
            _violations.Add(new DmaViolation(0, frame.Length, $"TX queue {q}: PAYLEN {payload} does not match the {frame.Length} bytes of the frame's descriptors"));
            return;
        }

        bool insertFcs = (command & AdvancedTxBits.InsertFcs) != 0;
        if ((offload & (AdvancedTxBits.InsertIpChecksum | AdvancedTxBits.InsertL4Checksum)) != 0)
        {
            TxChecksumOffload.Apply(frame, _txContexts[q], offload);
        }

        if ((command & AdvancedTxBits.InsertVlan) != 0)
        {
            // DCMD.VLE: the context's VLAN field goes in after the source address, under DMATXCTL.VT (7.2.3.2.3, 8.2.3.9.1).
            ushort tag = (ushort)(_txContexts[q].VlanMacIpLengths >> AdvancedTxBits.VlanShift);
            ushort etherType = (ushort)(Register(IxgbeRegister.TransmitDmaControl) >> IxgbeBits.DmatxctlVlanEtherTypeShift);
            byte[] tagged = new byte[frame.Length + 4];
            frame.AsSpan(0, 12).CopyTo(tagged);
            BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(12), etherType);
            BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(14), tag);
            frame.AsSpan(12).CopyTo(tagged.AsSpan(16));
            frame = tagged;
        }

        if (frame.Length < 60 && (Register(IxgbeRegister.MacCoreControl0) & IxgbeBits.MacTxPadEnable) != 0)
        {
            Array.Resize(ref frame, 60);
        }

        if (insertFcs && (Register(IxgbeRegister.MacCoreControl0) & IxgbeBits.MacTxCrcEnable) != 0)
        {
            Array.Resize(ref frame, frame.Length + 4);
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(frame.Length - 4), FrameCrc.Compute(frame.AsSpan(0, frame.Length - 4)));
        }

        if (IsLinkDown)
        {
            // The MAC has no link: the frame left the DMA engine (its descriptor completes) but never reaches the wire.
            FramesLostToLinkDown++;
            return;
        }

        Count(IxgbeRegister.GoodPacketsTransmitted, 1);
        Count(IxgbeRegister.GoodOctetsTransmittedLow, (ulong)frame.Length);
        int set = StatisticsSet(IxgbeRegister.TxQueueStatisticsMapping(0), q);
        Count(IxgbeRegister.QueuePacketsTransmitted(set), 1);
        Count(IxgbeRegister.QueueBytesTransmittedLow(set), (ulong)frame.Length);
        FramesSent++;
        Cable?.Carry(this, frame);
    }

    private void Receive(byte[] frame)
    {
        if (_removed || IsLinkDown || (Register(IxgbeRegister.ReceiveControl) & IxgbeBits.ReceiveEnable) == 0)
        {
            return;
        }

        if (!FrameCrc.IsValid(frame))
        {
            Count(IxgbeRegister.CrcErrorCount, 1);
            return;
        }

        // MAXFRS.MFS (with HLREG0.JUMBOEN; 1518 without) counts the CRC but not a VLAN tag, which may come on top
        // (8.2.3.22.13). A longer frame with a good CRC is dropped and counted in ROC, a shorter than 64 in RUC.
        uint hlreg0 = Register(IxgbeRegister.MacCoreControl0);
        int maxFrame = (hlreg0 & IxgbeBits.MacJumboEnable) != 0 ? (int)(Register(IxgbeRegister.MaxFrameSize) >> IxgbeBits.MaxFrameSizeShift) : 1518;
        if (VlanTag(frame) is not null)
        {
            maxFrame += 4;
        }

        if (frame.Length < 64)
        {
            Count(IxgbeRegister.UndersizeCount, 1);
            return;
        }

        if (frame.Length > maxFrame)
        {
            Count(IxgbeRegister.OversizeCount, 1);
            return;
        }

        if (!PassesFilter(frame) || !PassesVlanFilter(frame))
        {
            return;
        }

        Count(IxgbeRegister.GoodPacketsReceived, 1);
        Count(IxgbeRegister.GoodOctetsReceivedLow, (ulong)frame.Length);
        if (_rxPacketBuffer.Count > 0 || !TryDeliver(frame, fromPacketBuffer: false))
        {
            if (_rxPacketBufferBytes + frame.Length > RxPacketBufferBytes)
            {
                Count(IxgbeRegister.MissedPackets(0), 1);
                return;
            }

            _rxPacketBuffer.Enqueue(frame);
            _rxPacketBufferBytes += frame.Length;
        }
    }

    private bool PassesFilter(ReadOnlySpan<byte> frame)
    {
        uint filter = Register(IxgbeRegister.FilterControl);
        var destination = new MacAddress(frame);
        if (destination == MacAddress.Broadcast)
        {
            return (filter & IxgbeBits.FilterBroadcastAccept) != 0;
        }

        if (destination.IsMulticast)
        {
            if ((filter & IxgbeBits.FilterMulticastPromiscuous) != 0)
            {
                return true;
            }

            int index = ((frame[4] >> 4) | (frame[5] << 4)) & 0xFFF;
            return (Register(IxgbeRegister.MulticastControl) & IxgbeBits.MulticastFilterEnable) != 0 &&
                (Register(IxgbeRegister.MulticastTable(index >> 5)) & (1u << (index & 31))) != 0;
        }

        if ((filter & IxgbeBits.FilterUnicastPromiscuous) != 0)
        {
            return true;
        }

        uint low = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        uint high = BinaryPrimitives.ReadUInt16LittleEndian(frame[4..]) | IxgbeBits.ReceiveAddressValid;
        for (int i = 0; i < 16; i++)
        {
            if (Register(IxgbeRegister.ReceiveAddressLow(i)) == low && Register(IxgbeRegister.ReceiveAddressHigh(i)) == high)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// With VLNCTRL.VFE a tagged frame passes only when its VLAN id's bit is set in VFTA; untagged frames always pass,
    /// and without VFE every frame does (82599 7.1.1.2, 8.2.3.7.2).
    /// </summary>
    private bool PassesVlanFilter(ReadOnlySpan<byte> frame)
    {
        if ((Register(IxgbeRegister.VlanControl) & IxgbeBits.VlanFilterEnable) == 0 || VlanTag(frame) is not { } tci)
        {
            return true;
        }

        int id = tci & 0xFFF;
        return (Register(IxgbeRegister.VlanFilterTable(id >> 5)) & (1u << (id & 31))) != 0;
    }

    /// <summary>The tag control information of a frame whose ethertype is VLNCTRL.VET, or null for an untagged frame.</summary>
    private ushort? VlanTag(ReadOnlySpan<byte> frame) =>
        frame.Length >= 18 && BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == (Register(IxgbeRegister.VlanControl) & IxgbeBits.VlanEtherTypeMask)
            ? BinaryPrimitives.ReadUInt16BigEndian(frame[14..])
            : null;

    /// <summary>Writes a frame into its queue; false when the queue has no descriptors and does not drop (frame stays buffered).</summary>
    private bool TryDeliver(byte[] frame, bool fromPacketBuffer)
    {
        bool strip = (Register(IxgbeRegister.MacCoreControl0) & IxgbeBits.MacRxCrcStrip) != 0;
        ReadOnlySpan<byte> data = strip ? frame.AsSpan(0, frame.Length - 4) : frame;
        uint mrqc = Register(IxgbeRegister.MultipleReceiveQueuesCommand);
        Span<byte> key = stackalloc byte[40];
        for (int i = 0; i < 10; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(key[(4 * i)..], Register(IxgbeRegister.RssKey(i)));
        }

        // A tagged frame is parsed past its tag (for RSS and checksums), and with RXDCTL.VME on its queue the tag leaves
        // the frame for the descriptor's VLAN field, with VP in the status (82599 7.1.6.2). The model reports VP only
        // for a stripped tag.
        ushort? tci = VlanTag(frame);
        byte[] untagged = tci is null ? frame : [.. frame.AsSpan(0, 12), .. frame.AsSpan(16)];
        FrameClassification classification = FrameClassification.Classify(untagged.AsSpan(0, untagged.Length - 4), mrqc, key);
        int q = 0;
        if (classification.RssType != 0)
        {
            int entry = (int)(classification.RssHash & 0x7F);
            q = (int)(Register(IxgbeRegister.RedirectionTable(entry / 4)) >> (8 * (entry % 4))) & 0xF;
        }

        bool stripTag = tci is not null && (Register(IxgbeRegister.RxControl(q)) & IxgbeBits.RxdctlVlanStrip) != 0;
        if (stripTag)
        {
            data = strip ? untagged.AsSpan(0, untagged.Length - 4) : untagged;
        }

        uint srrctl = Register(IxgbeRegister.RxSplitControl(q));
        bool enabled = (Register(IxgbeRegister.RxControl(q)) & QueueRegisterOffsets.QueueEnable) != 0 && !_rxFaulted[q];
        int bufferSize = (int)(srrctl & IxgbeBits.SrrctlPacketBufferSizeMask) * 1024;
        uint count = Register(IxgbeRegister.RxLength(q)) / AdvancedRxDescriptor.Size;
        uint head = Register(IxgbeRegister.RxHead(q));
        uint tail = Register(IxgbeRegister.RxTail(q));
        int needed = bufferSize == 0 ? int.MaxValue : (data.Length + bufferSize - 1) / bufferSize;
        uint available = count == 0 ? 0 : (tail + count - head) % count;
        if (!enabled || available < needed)
        {
            if ((srrctl & IxgbeBits.SrrctlDropEnable) != 0 || !enabled)
            {
                Count(IxgbeRegister.QueuePacketsDropped(StatisticsSet(IxgbeRegister.RxQueueStatisticsMapping(0), q)), 1);
                return true;
            }

            return false;
        }

        if ((srrctl & IxgbeBits.SrrctlDescriptorTypeMask) != IxgbeBits.SrrctlAdvancedOneBuffer)
        {
            _violations.Add(new DmaViolation(0, 0, $"RX queue {q}: SRRCTL descriptor type 0x{srrctl & IxgbeBits.SrrctlDescriptorTypeMask:x} is not advanced one-buffer; the model only writes advanced descriptors"));
            return true;
        }

        ulong ring = Register(IxgbeRegister.RxBaseLow(q)) | ((ulong)Register(IxgbeRegister.RxBaseHigh(q)) << 32);
        int written = 0;
        while (written < data.Length)
        {
            var descriptor = (AdvancedRxDescriptor*)Dma(ring + head * AdvancedRxDescriptor.Size, AdvancedRxDescriptor.Size, $"RX queue {q} descriptor fetch");
            if (descriptor == null)
            {
                FaultQueue(_rxFaulted, q);
                return true;
            }

            int chunk = Math.Min(bufferSize, data.Length - written);
            byte* buffer = Dma(RxBufferAddress(q, descriptor->PacketAddress), chunk, $"RX queue {q} frame write");
            if (buffer == null)
            {
                FaultQueue(_rxFaulted, q);
                return true;
            }

            data.Slice(written, chunk).CopyTo(new Span<byte>(buffer, chunk));
            written += chunk;
            bool last = written == data.Length;
            descriptor->PacketInfo = classification.RssType | (classification.PacketType << AdvancedRxStatus.PacketTypeShift);
            descriptor->RssHash = classification.RssHash;
            descriptor->Length = (ushort)chunk;
            descriptor->VlanTag = stripTag ? tci!.Value : (ushort)0;
            uint vlan = stripTag ? AdvancedRxStatus.VlanPacket : 0;
            Volatile.Write(ref descriptor->StatusError, AdvancedRxStatus.DescriptorDone | (last ? AdvancedRxStatus.EndOfPacket | classification.Status | vlan | InjectedRxError() : 0));
            head = (head + 1) % count;
        }

        Register(IxgbeRegister.RxHead(q)) = head;
        int set = StatisticsSet(IxgbeRegister.RxQueueStatisticsMapping(0), q);
        Count(IxgbeRegister.QueuePacketsReceived(set), 1);
        Count(IxgbeRegister.QueueBytesReceivedLow(set), (ulong)frame.Length);
        RaiseQueueInterrupt(q);
        return true;
    }

    private void RaiseQueueInterrupt(int q)
    {
        uint entry = (Register(IxgbeRegister.InterruptVectorAllocation(q / 2)) >> ((q & 1) * 16)) & 0xFF;
        if ((entry & IxgbeBits.IvarValid) == 0)
        {
            return;
        }

        int vector = (int)(entry & 0x3F);
        if (vector < Queues)
        {
            Register(IxgbeRegister.InterruptCause) |= 1u << vector;
            _interruptPending[vector] = true;
            DeliverInterrupts();
        }
    }

    private void DeliverInterrupts()
    {
        uint mask = Register(IxgbeRegister.InterruptMaskSet);
        for (int vector = 0; vector < Queues; vector++)
        {
            uint bit = 1u << vector;
            if (!_interruptPending[vector] || (mask & bit) == 0)
            {
                continue;
            }

            long interval = ((Register(IxgbeRegister.InterruptThrottle(vector)) & IxgbeBits.EitrIntervalMask) >> 3) * 2 * Stopwatch.Frequency / 1_000_000;
            long now = Stopwatch.GetTimestamp();
            if (_lastInterrupt[vector] != 0 && now - _lastInterrupt[vector] < interval)
            {
                continue;
            }

            _lastInterrupt[vector] = now;
            _interruptPending[vector] = false;
            if ((Register(IxgbeRegister.GeneralPurposeInterruptEnable) & IxgbeBits.GpieAutoMaskEnable) != 0 && (Register(IxgbeRegister.InterruptAutoMask) & bit) != 0)
            {
                Register(IxgbeRegister.InterruptMaskSet) &= ~bit;
            }

            Register(IxgbeRegister.InterruptCause) &= ~(Register(IxgbeRegister.InterruptAutoClear) & bit);
            InterruptRaised?.Invoke(vector);
        }
    }
}
