using System.Runtime.InteropServices;

namespace FastPath.Hosting.Cli;

/// <summary>
/// Turns SIGINT (Ctrl+C) and SIGTERM into a cancellation, so that an application stops its workers, prints its
/// final statistics and checks its buffers instead of dying mid-burst.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    /// <summary>Starts listening for SIGINT and SIGTERM.</summary>
    public ShutdownSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled when a signal arrives (or <see cref="Request"/> is called).</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The signal that arrived, if any.</summary>
    public PosixSignal? Received { get; private set; }

    /// <summary>Asks for a stop as a signal would.</summary>
    public void Request() => _source.Cancel();

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Received ??= context.Signal;
        _source.Cancel();
    }

    /// <summary>Stops listening; signals then have their default effect again.</summary>
    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }
}
