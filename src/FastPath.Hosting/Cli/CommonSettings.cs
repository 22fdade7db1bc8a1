using FastPath.Hosting.Output;
using FastPath.Lcores;
using FastPath.Mempool.Memory;
using Microsoft.Extensions.Logging;

namespace FastPath.Hosting.Cli;

/// <summary>The checked values of <see cref="CommonOptions"/>.</summary>
public sealed record CommonSettings
{
    /// <summary>The port specs, in port-id order.</summary>
    public required IReadOnlyList<string> Ports { get; init; }

    /// <summary>The worker cores, each listed once.</summary>
    public required IReadOnlyList<int> Lcores { get; init; }

    /// <summary>How long to run; zero until stopped.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Packets per burst.</summary>
    public int BurstSize { get; init; } = 32;

    /// <summary>Buffers in the mempool.</summary>
    public int PoolSize { get; init; } = 16384;

    /// <summary>The MTU every port is configured with; 0 keeps each port's own.</summary>
    public int Mtu { get; init; }

    /// <summary>The hugepage policy of the mempool.</summary>
    public HugepagePolicy Hugepages { get; init; } = HugepagePolicy.Prefer;

    /// <summary>Time between statistics tables; zero for none.</summary>
    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether workers are pinned to their cores.</summary>
    public bool PinThreads { get; init; } = true;

    /// <summary>What the receiving lcores do on a quiet link.</summary>
    public IdlePolicy Idle { get; init; } = IdlePolicy.Poll;

    /// <summary>Whether the lcores time their busy rounds and the summary prints busy cycles per frame.</summary>
    public bool RecordCoreCycles { get; init; }

    /// <summary>The least severe log level shown.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>JSON output, Crank statistics and the metrics endpoint.</summary>
    public ReportSettings Report { get; init; } = new();
}
