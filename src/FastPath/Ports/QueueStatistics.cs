namespace FastPath.Ports;

/// <summary>The counters of one receive/transmit queue pair.</summary>
/// <param name="Queue">The queue index.</param>
/// <param name="RxPackets">Frames received on the queue.</param>
/// <param name="RxBytes">Bytes received on the queue.</param>
/// <param name="TxPackets">Frames transmitted on the queue.</param>
/// <param name="TxBytes">Bytes transmitted on the queue.</param>
/// <param name="RxDropped">Frames dropped on the queue's receive side.</param>
public readonly record struct QueueStatistics(int Queue, ulong RxPackets, ulong RxBytes, ulong TxPackets, ulong TxBytes, ulong RxDropped = 0);
