using FastPath.Net;
using FastPath.Ports;

namespace FastPath.Traffic.Forwarding;

/// <summary>One direction a forwarding lcore serves: frames received on a queue of one port go out a queue of another.</summary>
/// <param name="RxPort">The receiving port's id.</param>
/// <param name="Rx">The queue polled.</param>
/// <param name="TxPort">The destination port's id (at most 255: it becomes the last byte of the rewritten destination MAC).</param>
/// <param name="Tx">The destination queue.</param>
/// <param name="TxPortMac">The destination port's MAC address, the new source address.</param>
public sealed record ForwardingRoute(int RxPort, IRxQueue Rx, int TxPort, ITxQueue Tx, MacAddress TxPortMac)
{
    /// <summary>How errors name the receiving port (e.g. "0 'ring:a'"); the id when not set.</summary>
    public string? RxPortName { get; init; }
}
