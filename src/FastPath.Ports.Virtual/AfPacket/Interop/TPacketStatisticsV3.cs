using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfPacket.Interop;

/// <summary><c>struct tpacket_stats_v3</c>: PACKET_STATISTICS of a TPACKET_V3 socket; reading resets the counters.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TPacketStatisticsV3
{
    public uint Packets;
    public uint Drops;
    public uint FreezeQueueCount;
}
