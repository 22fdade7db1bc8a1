using System.Diagnostics;
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
public sealed class InterruptibleRxQueue<TRegisters> : IRxQueue, IDisposable
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

        _signal.TryRead(out _);
        if (_interrupts.CauseToClear is { } cause)
        {
            // EICR is write-1-to-clear: drop a cause latched while masked before the unmask.
            _registers.Write(cause, _vectorBit);
        }

        _registers.Write(_interrupts.MaskSet, _vectorBit);
        // A frame written back before the unmask raised no interrupt: look once more before sleeping.
        if (Ring.IsFrameWaiting)
        {
            _registers.Write(_interrupts.MaskClear, _vectorBit);
            _idleSince = 0;
            return false;
        }

        Sleeps++;
        Span<ulong> ready = stackalloc ulong[1];
        if (_waiter.Wait(ready, (int)Math.Ceiling(maxWait.TotalMilliseconds)) > 0)
        {
            InterruptWakeups++;
        }

        _signal.TryRead(out _);
        _registers.Write(_interrupts.MaskClear, _vectorBit);
        _idleSince = 0;
        return true;
    }

    /// <summary>Frees the ring and the interrupt resources. The queue must be disabled first.</summary>
    public void Dispose()
    {
        Ring.Dispose();
        _waiter?.Dispose();
        _signal?.Dispose();
    }
}
