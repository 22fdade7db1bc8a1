using System.Diagnostics;
using System.Runtime.InteropServices;
using FastPath.Drivers.Intel.Registers;
using FastPath.Linux.Events;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Buffers;
using FastPath.Ports;

namespace FastPath.Drivers.Intel.Rx;

/// <summary>
/// A receive queue of an 82599 or 82576 port: the shared advanced ring, plus the interrupt-driven idle mode. Polling
/// stays the hot path; a queue that found nothing for the configured time may sleep in <see cref="WaitWhenIdle"/>: it
/// clears its stale cause where the device asks for it (EICR), unmasks its MSI-X vector (EIMS), checks the ring once
/// more and waits on the vector's eventfd until a frame is written back. The device supplies its interrupt register
/// offsets (<see cref="RxInterruptRegisters"/>).
/// </summary>
/// <typeparam name="TRegisters">The register access.</typeparam>
public sealed class InterruptibleRxQueue<TRegisters> : IRxQueue, IWakeSource, IDisposable
    where TRegisters : struct, IRegisterAccess
{
    private TRegisters _registers;
    private readonly RxInterruptRegisters _interrupts;
    private readonly long _idleThresholdTicks;
    private readonly EventFd? _signal;
    private readonly EpollWaiter? _waiter;
    private readonly uint _vectorBit;
    private long _idleSince;

    internal InterruptibleRxQueue(TRegisters registers, AdvancedRxQueue<TRegisters> ring, RxInterruptRegisters interrupts, TimeSpan? idleThreshold)
    {
        _registers = registers;
        _interrupts = interrupts;
        Ring = ring;
        _vectorBit = 1u << ring.Index;
        if (idleThreshold is { } threshold)
        {
            _idleThresholdTicks = (long)(threshold.TotalSeconds * Stopwatch.Frequency);
            _signal = EventFd.Create();
            _waiter = new EpollWaiter();
            _waiter.Add(_signal, (ulong)ring.Index);
        }
    }

    /// <inheritdoc />
    public int Index => Ring.Index;

    /// <summary>The descriptor ring.</summary>
    public AdvancedRxQueue<TRegisters> Ring { get; }

    /// <summary>The eventfd the queue's MSI-X vector signals, when idle mode is on.</summary>
    public EventFd? InterruptSignal => _signal;

    /// <inheritdoc />
    public IWakeSource? WakeSource => _signal is null ? null : this;

    /// <summary>Times the queue went to sleep on its interrupt.</summary>
    public ulong Sleeps { get; private set; }

    /// <summary>Sleeps that ended by an interrupt rather than the timeout.</summary>
    public ulong InterruptWakeups { get; private set; }

    /// <inheritdoc />
    public int RxBurst(Span<Packet> packets)
    {
        int received = Ring.RxBurst(packets);
        if (received != 0)
        {
            _idleSince = 0;
        }
        else if (_idleSince == 0)
        {
            _idleSince = Stopwatch.GetTimestamp();
        }

        return received;
    }

    /// <summary>
    /// When the queue has been idle for the configured threshold, arms its interrupt and sleeps until a frame arrives
    /// or <paramref name="maxWait"/> passes; otherwise returns at once. Call after an empty <see cref="RxBurst"/>.
    /// </summary>
    /// <returns>Whether the queue slept.</returns>
    public bool WaitWhenIdle(TimeSpan maxWait)
    {
        if (_waiter is null || _signal is null || _idleSince == 0 || Stopwatch.GetTimestamp() - _idleSince < _idleThresholdTicks)
        {
            return false;
        }

        if (!Arm())
        {
            _idleSince = 0;
            return false;
        }

        Sleeps++;
        Span<ulong> ready = stackalloc ulong[1];
        if (_waiter.Wait(ready, (int)Math.Ceiling(maxWait.TotalMilliseconds)) > 0)
        {
            InterruptWakeups++;
        }

        Disarm();
        _idleSince = 0;
        return true;
    }

    /// <inheritdoc />
    SafeHandle IWakeSource.Handle => _signal ?? throw new InvalidOperationException($"Receive queue {Index} has no interrupt: open the port with an idle threshold.");

    /// <summary>
    /// Unmasks the queue's MSI-X vector so the next written-back frame signals <see cref="InterruptSignal"/>: drains
    /// the eventfd, clears a cause latched while masked (EICR, write 1 to clear, where the device needs it), sets the
    /// queue's bit in EIMS, then looks at the ring once more, since a frame written back before the unmask raised no
    /// interrupt.
    /// </summary>
    /// <returns>False, with the vector masked again, when a frame is already waiting.</returns>
    public bool Arm()
    {
        _signal?.TryRead(out _);
        if (_interrupts.CauseToClear is { } cause)
        {
            _registers.Write(cause, _vectorBit);
        }

        _registers.Write(_interrupts.MaskSet, _vectorBit);
        if (Ring.IsFrameWaiting)
        {
            _registers.Write(_interrupts.MaskClear, _vectorBit);
            return false;
        }

        return true;
    }

    /// <summary>Masks the vector again (EIMC) and drains the eventfd.</summary>
    public void Disarm()
    {
        _signal?.TryRead(out _);
        _registers.Write(_interrupts.MaskClear, _vectorBit);
    }

    /// <summary>Frees the ring and the interrupt resources. The queue must be disabled first.</summary>
    public void Dispose()
    {
        Ring.Dispose();
        _waiter?.Dispose();
        _signal?.Dispose();
    }
}
