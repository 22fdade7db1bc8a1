using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Linux.Events;

namespace FastPath.Ports.Virtual.Ring;

/// <summary>
/// The wake source of one ring of a link, in the manner of AF_XDP's need-wakeup flag: the consumer, before it sleeps,
/// raises a flag and looks at the ring once more; the producer, after each enqueue, reads the flag and writes the
/// eventfd only when it is up. A busy ring therefore costs its producer one load and a branch per burst, and no
/// system call. The store-then-load on each side (consumer: flag then ring; producer: ring then flag) needs a full
/// fence between them; the consumer, which sleeps rarely, pays for both with a process-wide barrier
/// (<see cref="Interlocked.MemoryBarrierProcessWide"/>, membarrier on Linux), so the producer's path needs none:
/// after the barrier either the consumer sees the producer's frames or the producer sees the flag.
/// </summary>
internal sealed class RingWakeup : IDisposable
{
    private readonly Lock _lock = new();
    private EventFd? _signal;
    private int _sleeping;
    private long _signalledAt;

    /// <summary>The eventfd the producer writes, created when the consumer first asks for it.</summary>
    public EventFd Signal
    {
        get
        {
            lock (_lock)
            {
                return _signal ??= EventFd.Create();
            }
        }
    }

    /// <summary>When the producer last woke the consumer (a Stopwatch timestamp), 0 when it did not since <see cref="Arm"/>.</summary>
    public long SignalledAt => Volatile.Read(ref _signalledAt);

    /// <summary>The producer's side, after an enqueue: wakes the consumer if it said it is going to sleep.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AfterEnqueue()
    {
        if (Volatile.Read(ref _sleeping) != 0)
        {
            Wake();
        }
    }

    /// <summary>The consumer's side: says it is going to sleep, then checks <paramref name="ring"/> once more.</summary>
    /// <returns>False, with the flag down again, when the ring has frames.</returns>
    public bool Arm(Mempool.Rings.Ring ring)
    {
        EventFd signal = Signal;
        signal.TryRead(out _);
        Volatile.Write(ref _signalledAt, 0);
        Volatile.Write(ref _sleeping, 1);
        Interlocked.MemoryBarrierProcessWide();
        if (ring.Count != 0)
        {
            Volatile.Write(ref _sleeping, 0);
            return false;
        }

        return true;
    }

    /// <summary>The consumer's side on waking: lowers the flag and drains the eventfd.</summary>
    public void Disarm()
    {
        Volatile.Write(ref _sleeping, 0);
        _signal?.TryRead(out _);
    }

    /// <summary>Closes the eventfd.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _signal?.Dispose();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Wake()
    {
        // Only the producer that takes the flag down signals, so a sleep costs one write however many bursts follow.
        if (Interlocked.Exchange(ref _sleeping, 0) != 0)
        {
            Volatile.Write(ref _signalledAt, Stopwatch.GetTimestamp());
            EventFd? signal = Volatile.Read(ref _signal);
            signal?.Signal();
        }
    }
}
