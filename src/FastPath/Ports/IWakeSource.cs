using System.Runtime.InteropServices;

namespace FastPath.Ports;

/// <summary>
/// What an idle lcore sleeps on instead of polling an empty receive queue: a descriptor that becomes readable when
/// traffic arrives (an MSI-X eventfd on an Intel NIC, the packet socket on AF_PACKET). The lcore arms every queue's
/// source, waits on the descriptors with epoll, disarms and polls again; arming must not lose a frame that arrived
/// just before, so a queue re-checks itself after arming.
/// </summary>
public interface IWakeSource
{
    /// <summary>The descriptor to wait on for readability; owned by the queue.</summary>
    SafeHandle Handle { get; }

    /// <summary>Enables the wake-up (unmasks the interrupt); returns false when work is already waiting, so the lcore must not sleep.</summary>
    bool Arm();

    /// <summary>Disables the wake-up again and clears what woke the lcore; called before polling resumes.</summary>
    void Disarm();

    /// <summary>
    /// When the source can tell, the <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the traffic that made
    /// it ready arrived (a ring's producer stamps its signal; a packet socket has the kernel's receive time of the first
    /// frame); 0 when it cannot, and the lcore then counts its wake latency from epoll's return. Read after the wait,
    /// before <see cref="Disarm"/>.
    /// </summary>
    long ArrivalTimestamp => 0;
}
