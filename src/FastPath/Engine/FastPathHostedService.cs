using Microsoft.Extensions.Hosting;

namespace FastPath.Engine;

/// <summary>
/// Runs the engine for the host's lifetime: starts it when the host starts, and stops it in DMA-safe order when the
/// host shuts down (SIGTERM, Ctrl+C, systemd's stop, or <c>StopApplication</c>).
/// </summary>
internal sealed class FastPathHostedService(FastPathEngine engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        engine.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        engine.Stop();
        return Task.CompletedTask;
    }
}
