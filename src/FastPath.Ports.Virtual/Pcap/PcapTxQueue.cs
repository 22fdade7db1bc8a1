using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Chains;
using FastPath.Ports.Virtual.Statistics;

namespace FastPath.Ports.Virtual.Pcap;

/// <summary>Writes each transmitted frame as a pcap record (a chain as one record, a requested VLAN tag inserted), then frees the burst.</summary>
internal sealed unsafe class PcapTxQueue : ITxQueue
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
        int done = 0;
        int written = 0;
        ulong bytes = 0;
        try
        {
            for (; done < packets.Length; done++)
            {
                Packet packet = packets[done];

                // A tag to insert needs both MAC addresses in the first segment; without them the frame is an error.
                if (!ChainCopy.CanLinearize(packet.Buffer))
                {
                    continue;
                }

                long timestamp = (packet.Flags & PacketFlags.Timestamp) != 0 ? (long)packet.Metadata.Timestamp : now;
                bytes += (ulong)_writer.Write(packet, timestamp);
                written++;
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
