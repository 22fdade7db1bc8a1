using System.Diagnostics;
using FastPath.Drivers.Intel.Registers;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Ixgbe.Registers;
using FastPath.Mempool.Buffers;
using FastPath.Ports;
using FastPath.Vfio.Events;

namespace FastPath.Drivers.Ixgbe;

/// <summary>
/// An 82599 receive queue: the shared advanced ring, plus the interrupt-driven idle mode. Polling stays the hot path;
/// a queue that found nothing for the configured time may sleep in <see cref="WaitWhenIdle"/>: it unmasks its MSI-X
/// vector (EIMS), checks the ring once more, and waits on the vector's eventfd until a frame is written back.
/// </summary>
/// <typeparam name="TRegisters">The register access.</typeparam>
public sealed class IxgbeRxQueue<TRegisters> : IRxQueue, IDisposable
    where TRegisters : struct, IRegisterAccess
{
    private TRegisters _registers;
    private readonly long _idleThresholdTicks;
    private readonly EventFd? _signal;
    private readonly EpollWaiter? _waiter;
    private readonly uint _vectorBit;
    private long _idleSince;

    internal IxgbeRxQueue(TRegisters registers, AdvancedRxQueue<TRegisters> ring, TimeSpan? idleThreshold)
    {
        _registers = registers;
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
        _registers.Write(IxgbeRegister.InterruptMaskSet, _vectorBit);
        // A frame written back before the unmask raised no interrupt: look once more before sleeping.
        if (Ring.IsFrameWaiting)
        {
            _registers.Write(IxgbeRegister.InterruptMaskClear, _vectorBit);
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
        _registers.Write(IxgbeRegister.InterruptMaskClear, _vectorBit);
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
