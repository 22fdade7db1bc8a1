namespace FastPath.Lcores;

/// <summary>
/// The counters one polling loop keeps: written only by its lcore, read by any thread (64-bit fields, so a reader
/// sees whole values, possibly a round old).
/// </summary>
public sealed class PollCounters
{
    private ulong _polls;
    private ulong _busyPolls;
    private ulong _packets;

    /// <summary>Rounds of polls over the tasks.</summary>
    public ulong Polls => Volatile.Read(ref _polls);

    /// <summary>Rounds in which some task handled at least one packet.</summary>
    public ulong BusyPolls => Volatile.Read(ref _busyPolls);

    /// <summary>Packets the tasks reported handling.</summary>
    public ulong Packets => Volatile.Read(ref _packets);

    /// <summary>Counts one round that handled <paramref name="packets"/> packets (on the loop's lcore only).</summary>
    internal void Record(int packets)
    {
        _polls++;
        if (packets > 0)
        {
            _busyPolls++;
            _packets += (ulong)packets;
        }
    }
}
