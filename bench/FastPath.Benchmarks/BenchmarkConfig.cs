using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace FastPath.Benchmarks;

/// <summary>
/// Every benchmark reports allocations (hot paths must show none) and the cost in TSC cycles per operation, so the
/// figures compare directly with DPDK's cycle counts.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new CyclesColumn());
        Options |= ConfigOptions.JoinSummary;
    }
}
