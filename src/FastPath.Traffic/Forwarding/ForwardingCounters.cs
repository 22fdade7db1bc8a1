namespace FastPath.Traffic.Forwarding;

/// <summary>
/// One forwarding lcore's counters, per port id: frames received, frames the port accepted for transmit, and frames
/// dropped because the transmit ring was full. Written by that lcore only; any thread may read.
/// </summary>
public sealed class ForwardingCounters
{
    private readonly ulong[] _rxPackets;
    private readonly ulong[] _rxBytes;
    private readonly ulong[] _txPackets;
    private readonly ulong[] _txBytes;
    private readonly ulong[] _dropped;

    /// <summary>Creates zeroed counters for ports 0 to <paramref name="portCount"/> − 1.</summary>
    public ForwardingCounters(int portCount)
    {
        _rxPackets = new ulong[portCount];
        _rxBytes = new ulong[portCount];
        _txPackets = new ulong[portCount];
        _txBytes = new ulong[portCount];
        _dropped = new ulong[portCount];
    }

    /// <summary>Frames received on port <paramref name="port"/>.</summary>
    public ulong RxPackets(int port) => Volatile.Read(ref _rxPackets[port]);

    /// <summary>Bytes received on port <paramref name="port"/>.</summary>
    public ulong RxBytes(int port) => Volatile.Read(ref _rxBytes[port]);

    /// <summary>Frames port <paramref name="port"/> accepted for transmit.</summary>
    public ulong TxPackets(int port) => Volatile.Read(ref _txPackets[port]);

    /// <summary>Bytes port <paramref name="port"/> accepted for transmit.</summary>
    public ulong TxBytes(int port) => Volatile.Read(ref _txBytes[port]);

    /// <summary>Frames freed because port <paramref name="port"/>'s transmit ring was full.</summary>
    public ulong Dropped(int port) => Volatile.Read(ref _dropped[port]);

    internal void AddRx(int port, int packets, ulong bytes)
    {
        _rxPackets[port] += (ulong)packets;
        _rxBytes[port] += bytes;
    }

    internal void AddTx(int port, int packets, ulong bytes)
    {
        _txPackets[port] += (ulong)packets;
        _txBytes[port] += bytes;
    }

    internal void AddDropped(int port, int packets) => _dropped[port] += (ulong)packets;
}
