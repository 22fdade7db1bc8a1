using System.Globalization;
using FastPath.Lcores;

namespace FastPath.Hosting.Statistics;

/// <summary>
/// The summary line per lcore of <c>--record-core-cycles</c>: the time of the rounds that handled frames, divided by
/// the frames they handled, in TSC cycles (at the rate /proc/cpuinfo gives) and nanoseconds. It counts what testpmd's
/// <c>--record-core-cycles</c> counts ("CPU cycles/packet"): busy iterations only, so an lcore that waits for a slow
/// source is charged for the frames it moves, not for the waiting.
/// </summary>
public static class BusyCyclesLine
{
    /// <summary>Writes a line for each lcore that timed its busy rounds.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="lcores">The lcores at the end of the run.</param>
    /// <param name="tscMhz">The TSC rate in MHz, to turn time into cycles.</param>
    public static void Write(TextWriter output, IReadOnlyList<LcoreStatistics> lcores, double tscMhz)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(lcores);
        foreach (LcoreStatistics lcore in lcores)
        {
            if (!lcore.RecordsBusyTime)
            {
                continue;
            }

            if (lcore.Packets == 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"busy {lcore.Name}: no frames handled, no busy cycles per frame"));
                continue;
            }

            double nanoseconds = lcore.BusyTime.TotalNanoseconds / lcore.Packets;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"busy {lcore.Name}: {nanoseconds * tscMhz / 1000:0.0} cycles per frame at {tscMhz:0} MHz TSC ({nanoseconds:0.0} ns; {lcore.Packets} frames in {lcore.BusyPolls} busy rounds of {lcore.Polls}, busy {lcore.BusyTime.TotalSeconds:0.000} s)"));
        }
    }

    /// <summary>The TSC rate, as /proc/cpuinfo's first "cpu MHz" line gives it (the nominal clock on x86).</summary>
    /// <exception cref="InvalidOperationException">/proc/cpuinfo has no such line.</exception>
    public static double ReadTscMhz()
    {
        foreach (string line in File.ReadLines("/proc/cpuinfo"))
        {
            if (line.StartsWith("cpu MHz", StringComparison.Ordinal)
                && double.TryParse(line.AsSpan(line.IndexOf(':') + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double mhz))
            {
                return mhz;
            }
        }

        throw new InvalidOperationException("/proc/cpuinfo has no 'cpu MHz' line, so busy time cannot be given in cycles; run on x86 Linux.");
    }
}
