using FastPath.Ports;

namespace FastPath.Lcores;

/// <summary>A receive queue a task polls, with the port it belongs to, as <see cref="IReceivingTask.ReceiveQueues"/> lists them.</summary>
/// <param name="Port">The port's name or id, for error messages.</param>
/// <param name="Queue">The queue.</param>
public readonly record struct PolledQueue(string Port, IRxQueue Queue);
