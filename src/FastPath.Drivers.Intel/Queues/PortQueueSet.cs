using FastPath.Drivers.Intel.Registers;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Intel.Tx;
using FastPath.Linux.Events;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Memory;
using FastPath.Ports;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Intel.Queues;

/// <summary>
/// The receive and transmit queues of one 82599 or 82576 port: creates them over the device's per-queue register
/// offsets, sets them up and enables them with the enable handshakes, disables them (letting queued frames leave
/// first) and returns their buffers, and sums their counters. What surrounds the queues (SRRCTL, the global
/// receive/transmit enables, interrupt routing) stays with each driver: the devices differ there.
/// </summary>
/// <typeparam name="TRegisters">The register access.</typeparam>
public sealed class PortQueueSet<TRegisters> : IDisposable
    where TRegisters : struct, IRegisterAccess
{
    private TRegisters _registers;
    private readonly InterruptibleRxQueue<TRegisters>[] _rx;
    private readonly AdvancedTxQueue<TRegisters>[] _tx;
    private readonly QueueRegisterOffsets[] _txOffsets;

    /// <summary>
    /// Creates <see cref="IntelPortOptions.RxQueues"/> receive queues filled from <paramref name="pool"/> and
    /// <see cref="IntelPortOptions.TxQueues"/> transmit queues, their rings mapped with <paramref name="ringMapper"/>.
    /// Nothing is written to the device yet. When a queue cannot be created, those made are freed and the error thrown.
    /// </summary>
    /// <param name="registers">BAR0 register access.</param>
    /// <param name="options">Queue counts, ring options, port id and idle mode.</param>
    /// <param name="pool">The receive buffer pool, reachable by the device.</param>
    /// <param name="ringMapper">The mapper whose IOVAs the device uses for the rings.</param>
    /// <param name="rxOffsets">The register offsets of receive queue q.</param>
    /// <param name="txOffsets">The register offsets of transmit queue q.</param>
    /// <param name="interrupts">The device's interrupt registers, for the receive queues' idle mode.</param>
    public PortQueueSet(
        TRegisters registers,
        IntelPortOptions options,
        PacketPool pool,
        IDmaMapper ringMapper,
        Func<int, QueueRegisterOffsets> rxOffsets,
        Func<int, QueueRegisterOffsets> txOffsets,
        RxInterruptRegisters interrupts)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(ringMapper);
        ArgumentNullException.ThrowIfNull(rxOffsets);
        ArgumentNullException.ThrowIfNull(txOffsets);
        _registers = registers;
        _rx = new InterruptibleRxQueue<TRegisters>[options.RxQueues];
        _tx = new AdvancedTxQueue<TRegisters>[options.TxQueues];
        _txOffsets = new QueueRegisterOffsets[options.TxQueues];
        try
        {
            for (int q = 0; q < _rx.Length; q++)
            {
                // A frame may be one VLAN tag longer than the maximum frame (82599 8.2.3.22.13 MAXFRS; 82576 RLPML as set by the driver).
                var ring = new AdvancedRxQueue<TRegisters>(registers, rxOffsets(q), q, options.PortId, pool, options.Rx, options.RxErrorLayout, ringMapper, options.MaxFrameSize + IntelPortOptions.VlanTagLength);
                _rx[q] = new InterruptibleRxQueue<TRegisters>(registers, ring, interrupts, options.IdleInterruptThreshold);
            }

            for (int q = 0; q < _tx.Length; q++)
            {
                _txOffsets[q] = txOffsets(q);
                _tx[q] = new AdvancedTxQueue<TRegisters>(registers, _txOffsets[q], q, ringMapper, options.Tx);
            }
        }
        catch
        {
            // The rings were never handed to the device (that happens in StartReceive/ConfigureTransmit).
            Dispose();
            throw;
        }
    }

    /// <summary>Number of receive queues.</summary>
    public int RxCount => _rx.Length;

    /// <summary>Number of transmit queues.</summary>
    public int TxCount => _tx.Length;

    /// <summary>Receive queue <paramref name="index"/>.</summary>
    public InterruptibleRxQueue<TRegisters> Rx(int index) => _rx[index];

    /// <summary>Transmit queue <paramref name="index"/>.</summary>
    public AdvancedTxQueue<TRegisters> Tx(int index) => _tx[index];

    /// <summary>
    /// Sets up and enables every receive queue: the ring's base, length, head and tail, then the device's own queue
    /// registers (<paramref name="configureQueue"/>, given the queue index: SRRCTL and the like), then RXDCTL.ENABLE
    /// with its handshake. The caller then sets the global receive enable.
    /// </summary>
    public void StartReceive(TimeSpan timeout, Action<int> configureQueue)
    {
        ArgumentNullException.ThrowIfNull(configureQueue);
        foreach (InterruptibleRxQueue<TRegisters> queue in _rx)
        {
            queue.Ring.Configure();
            configureQueue(queue.Index);
            queue.Ring.Enable(timeout);
        }
    }

    /// <summary>Writes every transmit ring's base, length, head and tail; enable them with <see cref="EnableTransmit"/>.</summary>
    public void ConfigureTransmit()
    {
        foreach (AdvancedTxQueue<TRegisters> queue in _tx)
        {
            queue.Configure();
        }
    }

    /// <summary>Enables every transmit queue with <paramref name="controlBits"/> in TXDCTL and waits for the handshake.</summary>
    public void EnableTransmit(uint controlBits, TimeSpan timeout)
    {
        foreach (AdvancedTxQueue<TRegisters> queue in _tx)
        {
            queue.Enable(controlBits, timeout);
        }
    }

    /// <summary>
    /// Disables every receive queue (RXDCTL.ENABLE cleared, then polled until it reads 0), waits
    /// <see cref="DmaSettle.AfterQueueDisable"/> on <paramref name="clock"/> for the device's last buffer store to
    /// settle, and only then returns the rings' buffers to the pool (82599 4.6.7.1; 82576 4.5.9). Safe to call again
    /// after a failure: a queue that is disabled already reports so at once, and a ring that gave its buffers back holds none.
    /// </summary>
    /// <exception cref="TimeoutException">A queue did not report disabled; no ring's buffers were returned.</exception>
    public void StopReceive(string portName, TimeSpan timeout, TimeProvider clock)
    {
        foreach (InterruptibleRxQueue<TRegisters> queue in _rx)
        {
            if (!queue.Ring.Disable(timeout))
            {
                throw new TimeoutException($"{portName}: receive queue {queue.Index} still reports RXDCTL.ENABLE after {timeout.TotalMilliseconds} ms; its buffers stay with the device. Call Stop again.");
            }
        }

        DmaSettle.Wait(clock, DmaSettle.AfterQueueDisable);
        ReleaseReceiveBuffers();
    }

    /// <summary>
    /// Stops every transmit queue as the datasheets say (82599 4.6.8.1; 82576 4.5.10.1): waits up to
    /// <paramref name="timeout"/> for the queued frames to leave (TDH reaches TDT), then clears TXDCTL.ENABLE and polls
    /// it until it reads 0, waits <see cref="DmaSettle.AfterQueueDisable"/> and returns the buffers. A drain that times
    /// out does not stop the procedure: the queue is disabled anyway (its frames not sent are dropped with their
    /// buffers returned), and <paramref name="drainTimedOut"/> is told the queue, head and tail, to report.
    /// Safe to call again after a failure.
    /// </summary>
    /// <returns>How many queues did not drain in time.</returns>
    /// <exception cref="TimeoutException">A queue did not report disabled; no ring's buffers were returned.</exception>
    public int StopTransmit(string portName, TimeSpan timeout, TimeProvider clock, Action<int, uint, uint> drainTimedOut)
    {
        ArgumentNullException.ThrowIfNull(drainTimedOut);
        int undrained = 0;
        for (int q = 0; q < _tx.Length; q++)
        {
            uint tail = _registers.Read(_txOffsets[q].Tail);
            if (!RegisterPolling.WaitFor(ref _registers, _txOffsets[q].Head, 0xFFFF, tail, timeout))
            {
                undrained++;
                drainTimedOut(q, _registers.Read(_txOffsets[q].Head), tail);
            }

            if (!_tx[q].Disable(timeout))
            {
                throw new TimeoutException($"{portName}: transmit queue {q} still reports TXDCTL.ENABLE after {timeout.TotalMilliseconds} ms; its buffers stay with the device. Call Stop again.");
            }
        }

        DmaSettle.Wait(clock, DmaSettle.AfterQueueDisable);
        ReleaseTransmitBuffers();
        return undrained;
    }

    /// <summary>
    /// Returns every ring's buffers to their pools with no handshake at all. Only for a device that is gone (surprise
    /// removal: every register reads all ones), which can no longer reach memory; any other stop goes through
    /// <see cref="StopReceive"/> and <see cref="StopTransmit"/>.
    /// </summary>
    public void ReleaseBuffersOfGoneDevice()
    {
        ReleaseReceiveBuffers();
        ReleaseTransmitBuffers();
    }

    private void ReleaseReceiveBuffers()
    {
        foreach (InterruptibleRxQueue<TRegisters> queue in _rx)
        {
            queue.Ring.ReleaseBuffers();
        }
    }

    private void ReleaseTransmitBuffers()
    {
        foreach (AdvancedTxQueue<TRegisters> queue in _tx)
        {
            queue.ReleaseBuffers();
        }
    }

    /// <summary>The eventfd of each receive queue's vector (index = queue = vector), for binding MSI-X.</summary>
    public EventFd?[] InterruptSignals()
    {
        var signals = new EventFd?[_rx.Length];
        foreach (InterruptibleRxQueue<TRegisters> queue in _rx)
        {
            signals[queue.Index] = queue.InterruptSignal;
        }

        return signals;
    }

    /// <summary>How many queue pairs the port counts: the larger of its receive and transmit queue counts.</summary>
    public int QueueCount => Math.Max(_rx.Length, _tx.Length);

    /// <summary>
    /// The port's statistics: the queues' software counters, per queue and summed, with the device's counters: frames
    /// dropped per queue and missed (counted as missed), and receive errors the device counted (CRC, length). The first
    /// <c>queues.Length</c> queues' counters go into <paramref name="queues"/>; nothing is allocated.
    /// </summary>
    public PortCounters ReadStatistics(ReadOnlySpan<ulong> queuePacketsDropped, ulong missedPackets, ulong hardwareErrors, Span<QueueStatistics> queues)
    {
        ulong rxPackets = 0, rxBytes = 0, rxErrors = 0, noBuffer = 0, txPackets = 0, txBytes = 0, dropped = 0;
        int count = QueueCount;
        for (int q = 0; q < count; q++)
        {
            AdvancedRxQueue<TRegisters>? rx = q < _rx.Length ? _rx[q]?.Ring : null;
            AdvancedTxQueue<TRegisters>? tx = q < _tx.Length ? _tx[q] : null;
            ulong queueDropped = q < queuePacketsDropped.Length ? queuePacketsDropped[q] : 0;
            if (q < queues.Length)
            {
                queues[q] = new QueueStatistics(q, rx?.Packets ?? 0, rx?.Bytes ?? 0, tx?.Packets ?? 0, tx?.Bytes ?? 0, queueDropped);
            }

            rxPackets += rx?.Packets ?? 0;
            rxBytes += rx?.Bytes ?? 0;
            rxErrors += rx?.Errors ?? 0;
            noBuffer += rx?.NoBuffer ?? 0;
            txPackets += tx?.Packets ?? 0;
            txBytes += tx?.Bytes ?? 0;
            dropped += queueDropped;
        }

        return new PortCounters(rxPackets, rxBytes, missedPackets + dropped, rxErrors + hardwareErrors, noBuffer, txPackets, txBytes, 0, count);
    }

    /// <summary>Frees the rings (unmapping them) and the interrupt resources. Stop the queues and bus mastering first.</summary>
    public void Dispose()
    {
        foreach (InterruptibleRxQueue<TRegisters>? queue in _rx)
        {
            queue?.Dispose();
        }

        foreach (AdvancedTxQueue<TRegisters>? queue in _tx)
        {
            queue?.Dispose();
        }
    }
}
