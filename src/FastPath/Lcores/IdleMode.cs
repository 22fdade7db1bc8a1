namespace FastPath.Lcores;

/// <summary>What an lcore does when its receive queues are empty (<see cref="IdlePolicy"/>).</summary>
public enum IdleMode
{
    /// <summary>Keeps polling: the lowest latency, a whole core even without traffic.</summary>
    Poll,

    /// <summary>After <see cref="IdlePolicy.After"/> without a frame, sleeps on the queues' wake sources until traffic arrives.</summary>
    Interrupt,
}
