namespace FastPath.Drivers.Intel.Queues;

/// <summary>
/// The wait between a queue's enable bit reading 0 and its buffers going back to their pool. Clearing RXDCTL.ENABLE
/// stops descriptor fetches, but the device may still finish storing the frame it is receiving into a buffer it has
/// already fetched (82599 datasheet 4.6.7.1 "Dynamic Enabling and Disabling of Receive Queues"; 82576 datasheet 4.5.9
/// likewise): the queue is safe to free only after that store settled. The Linux ixgbe driver notes the hardware may
/// take up to 100 µs to really disable a receive queue, and DPDK's ixgbe queue stop waits 100 µs
/// (<c>RTE_IXGBE_WAIT_100_US</c>) after the poll for the same reason; this driver waits the same on both devices,
/// and after disabling its transmit queues too (a drain that timed out may leave a fetch in flight).
/// </summary>
public static class DmaSettle
{
    /// <summary>How long to wait after the last queue reported disabled: 100 µs.</summary>
    public static TimeSpan AfterQueueDisable { get; } = TimeSpan.FromMicroseconds(100);

    /// <summary>Spins until <paramref name="duration"/> has passed on <paramref name="clock"/>.</summary>
    public static void Wait(TimeProvider clock, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(clock);
        long start = clock.GetTimestamp();
        while (clock.GetElapsedTime(start) < duration)
        {
            Thread.SpinWait(16);
        }
    }
}
