using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastPath.Benchmarks;

/// <summary>
/// Converts each benchmark's mean time into cycles of the time-stamp counter, whose rate is the nominal clock that
/// /proc/cpuinfo reports ("cpu MHz"); divided by <see cref="OperationsPerInvokeAttribute"/> like the mean itself.
/// </summary>
public sealed class CyclesColumn : IColumn
{
    private static readonly double s_ghz = ReadGhz();

    public string Id => nameof(CyclesColumn);

    public string ColumnName => $"Cycles@{s_ghz:0.00}GHz";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Mean time per operation in TSC cycles at the clock rate /proc/cpuinfo reports";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        return report?.ResultStatistics is { } stats ? (stats.Mean * s_ghz).ToString("0.0") : "-";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    private static double ReadGhz()
    {
        foreach (string line in File.ReadLines("/proc/cpuinfo"))
        {
            if (line.StartsWith("cpu MHz", StringComparison.Ordinal))
            {
                return double.Parse(line[(line.IndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture) / 1000;
            }
        }

        return 1;
    }
}
