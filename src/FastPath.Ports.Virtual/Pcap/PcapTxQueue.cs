using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Statistics;

namespace FastPath.Ports.Virtual.Pcap;

/// <summary>Writes each transmitted frame as a pcap record, then frees the burst.</summary>
internal sealed class PcapTxQueue : ITxQueue
{
    private readonly PcapWriterPort _port;
    private readonly PcapWriter _writer;
    internal TxCounters Counters;

    public PcapTxQueue(PcapWriterPort port, PcapWriter writer)
    {
        _port = port;
        _writer = writer;
    }

    public int Index => 0;

    /// <exception cref="IOException">Writing failed: every packet of the burst is freed anyway, the unwritten ones counted as errors.</exception>
    public int TxBurst(ReadOnlySpan<Packet> packets)
    {
        if (!_port.IsStarted || packets.IsEmpty)
        {
            return 0;
        }

        long now = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        int written = 0;
        ulong bytes = 0;
        try
        {
            for (; written < packets.Length; written++)
            {
                Packet packet = packets[written];
                long timestamp = (packet.Flags & PacketFlags.Timestamp) != 0 ? (long)packet.Metadata.Timestamp : now;
                _writer.Write(packet.Data, timestamp);
                bytes += (ulong)packet.Length;
            }
        }
        finally
        {
            PacketRelease.FreeAndCountBytes(packets);
            Counters.Packets += (ulong)written;
            Counters.Bytes += bytes;
            Counters.Errors += (ulong)(packets.Length - written);
        }

        return packets.Length;
    }
}
