using FastPath.Net;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.Null;

/// <summary>How a <see cref="NullPort"/> behaves.</summary>
public sealed record NullPortOptions
{
    /// <summary>The port's id in the engine, stamped on every received packet; the registry assigns it.</summary>
    public ushort PortId { get; init; }

    /// <summary>The port's name.</summary>
    public string Name { get; init; } = "null";

    /// <summary>Number of receive and transmit queues.</summary>
    public int QueueCount { get; init; } = 1;

    /// <summary>
    /// Length of the synthetic frames receive returns; 0 (the default) makes receive return nothing. Needs
    /// <see cref="RxPool"/>.
    /// </summary>
    public int RxFrameLength { get; init; }

    /// <summary>The pool receive allocates synthetic frames from.</summary>
    public PacketPool? RxPool { get; init; }

    /// <summary>The MAC address the port reports and puts in the synthetic frames.</summary>
    public MacAddress MacAddress { get; init; } = new(0x02_00_00_00_00_00UL);
}
