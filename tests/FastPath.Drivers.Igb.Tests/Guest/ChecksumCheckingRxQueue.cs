using FastPath.Mempool.Buffers;
using FastPath.Ports;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>
/// A receive queue that verifies, in software, the IPv4 header and UDP checksum bytes of every IPv4/UDP frame it
/// hands on, and counts the frames whose checksum is wrong or absent (zero).
/// </summary>
public sealed class ChecksumCheckingRxQueue(IRxQueue inner) : IRxQueue
{
    private long _checked;
    private long _badIpv4;
    private long _badUdp;
    private long _noUdpChecksum;

    public int Index => inner.Index;

    public long Checked => Interlocked.Read(ref _checked);

    public long BadIpv4 => Interlocked.Read(ref _badIpv4);

    public long BadUdp => Interlocked.Read(ref _badUdp);

    public long NoUdpChecksum => Interlocked.Read(ref _noUdpChecksum);

    public int RxBurst(Span<Packet> packets)
    {
        int n = inner.RxBurst(packets);
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<byte> frame = packets[i].Data;
            if (frame.Length < 42 || frame[12] != 0x08 || frame[13] != 0x00 || frame[14] != 0x45 || frame[23] != 17)
            {
                continue;
            }

            Interlocked.Increment(ref _checked);
            if (!UdpChecksums.Ipv4HeaderIsValid(frame) || UdpChecksums.Ipv4Field(frame) == 0)
            {
                Interlocked.Increment(ref _badIpv4);
            }

            if (UdpChecksums.UdpField(frame) == 0)
            {
                Interlocked.Increment(ref _noUdpChecksum);
            }
            else if (!UdpChecksums.UdpIsValid(frame))
            {
                Interlocked.Increment(ref _badUdp);
            }
        }

        return n;
    }
}
