namespace FastPath.Benchmarks.Drivers;

/// <summary>Where <see cref="IntelRingForwardBenchmarks"/> runs its NIC stand-in.</summary>
public enum StandInPlacement
{
    /// <summary>On the forwarding thread, between bursts: the descriptors stay in that core's cache.</summary>
    SameCore,

    /// <summary>On a thread of its own pinned to another core (<see cref="CrossCoreNicStandIn"/>).</summary>
    OtherCore,
}
