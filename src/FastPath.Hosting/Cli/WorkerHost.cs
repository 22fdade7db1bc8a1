using System.Diagnostics;
using FastPath.Hosting.Output;
using FastPath.Hosting.Screen;
using FastPath.Hosting.Statistics;
using FastPath.Lcores;
using FastPath.Metrics;
using Microsoft.Extensions.Logging;

namespace FastPath.Hosting.Cli;

/// <summary>
/// Runs an application's polling lanes, one per lcore, with the statistics reporter on the main thread, and stops
/// them in order: sources first, then — once the pipeline has drained or a second has passed — the workers.
/// </summary>
public static class WorkerHost
{
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Runs until <paramref name="stopping"/>, the settings' duration, or <paramref name="isDone"/>.</summary>
    /// <param name="settings">The lcores, pinning, duration and statistics interval.</param>
    /// <param name="lanes">The tasks of each lcore, in <see cref="CommonSettings.Lcores"/> order.</param>
    /// <param name="rows">The statistics rows.</param>
    /// <param name="output">Where the per-interval tables go.</param>
    /// <param name="loggers">For the lcore runner.</param>
    /// <param name="stopping">Cancelled by a signal.</param>
    /// <param name="isDone">Whether the work is complete (a generator sent its count).</param>
    /// <param name="stopSources">Tells the sources to stop producing.</param>
    /// <param name="isDrained">Whether everything produced has been consumed.</param>
    /// <param name="drainTimeout">How long to wait for <paramref name="isDrained"/> before the workers stop anyway; one second by default.</param>
    /// <param name="meter">Where the lcores' idle-mode counters are published, or null.</param>
    /// <param name="report">Gets every interval as well (JSON output replaces the tables), or null.</param>
    /// <param name="screen">What the live screen shows when <paramref name="output"/> is a terminal (<see cref="LiveScreen.IsTerminal"/>); null for the per-interval tables always.</param>
    /// <returns>How long the workers ran.</returns>
    /// <exception cref="UsageException">A core is not usable.</exception>
    /// <exception cref="AggregateException">A worker failed.</exception>
    public static TimeSpan Run(CommonSettings settings, IReadOnlyList<IReadOnlyList<IPollingTask>> lanes, StatsSource rows, TextWriter output,
        ILoggerFactory loggers, CancellationToken stopping, Func<bool>? isDone = null, Action? stopSources = null, Func<bool>? isDrained = null, TimeSpan? drainTimeout = null, FastPathMeter? meter = null, RunReport? report = null, ScreenContent? screen = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(lanes);
        ArgumentNullException.ThrowIfNull(loggers);
        using var runner = new LcoreRunner(loggers.CreateLogger<LcoreRunner>(), CancellationToken.None, settings.PinThreads);
        try
        {
            runner.Validate(settings.Lcores.Take(lanes.Count));
        }
        catch (ArgumentException exception)
        {
            throw new UsageException($"--lcores: {ErrorText.OneLine(exception)}", exception);
        }

        using var watch = CancellationTokenSource.CreateLinkedTokenSource(stopping, runner.Stopping);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < lanes.Count; i++)
        {
            try
            {
                runner.Launch(settings.Lcores[i], lanes[i], idle: settings.Idle, recordBusyTime: settings.RecordCoreCycles);
            }
            catch (ArgumentException exception)
            {
                throw new UsageException($"--idle {settings.Idle}: {ErrorText.OneLine(exception)}", exception);
            }
        }

        meter?.AddLcores(runner);
        bool idle = settings.Idle.Mode == IdleMode.Interrupt;
        TimeSpan interval = settings.StatsInterval > TimeSpan.Zero ? settings.StatsInterval : TimeSpan.MaxValue / 2;
        if (screen is not null && report?.WritesToStandardOutput != true && LiveScreen.IsTerminal(output))
        {
            TimeSpan redraw = settings.StatsInterval > TimeSpan.Zero ? settings.StatsInterval : TimeSpan.FromSeconds(1);
            new LiveScreen(screen, rows, runner.Snapshot, output, redraw).Run(watch.Token, settings.Duration, isDone);
        }
        else
        {
            new StatsReporter(rows, report?.ReplacesText == true ? TextWriter.Null : output, interval, idle ? runner : null, report).Run(watch.Token, settings.Duration, isDone);
        }
        if (stopSources is not null)
        {
            stopSources();
            runner.Drain(isDrained ?? (() => true), drainTimeout ?? s_drainTimeout);
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        runner.Stop();
        runner.Join();
        if (idle)
        {
            output.WriteLine($"Idle mode {settings.Idle} over the run:");
            IdleStatsLine.Write(output, runner.Snapshot(), previous: []);
        }

        if (settings.RecordCoreCycles)
        {
            BusyCyclesLine.Write(output, runner.Snapshot(), BusyCyclesLine.ReadTscMhz());
        }

        return elapsed;
    }
}
