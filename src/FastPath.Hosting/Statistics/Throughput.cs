using FastPath.Traffic.Frames;

namespace FastPath.Hosting.Statistics;

/// <summary>
/// Rate arithmetic: packets per second and wire bit rate. Ports count frames without FCS, so each frame costs
/// <see cref="FrameOffsets.WireOverhead"/> bytes more on the wire: the 4-byte FCS plus 20 bytes of preamble and gap.
/// </summary>
public static class Throughput
{
    /// <summary>Millions of packets per second.</summary>
    public static double Mpps(ulong packets, double seconds) => seconds <= 0 ? 0 : packets / seconds / 1e6;

    /// <summary>Gigabits per second on the wire: (bytes + 24 × packets) × 8 per second.</summary>
    public static double WireGbps(ulong packets, ulong bytes, double seconds) =>
        seconds <= 0 ? 0 : (bytes + (double)packets * FrameOffsets.WireOverhead) * 8 / seconds / 1e9;
}
