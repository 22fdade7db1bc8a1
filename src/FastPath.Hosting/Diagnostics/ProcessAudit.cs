using System.Globalization;

namespace FastPath.Hosting.Diagnostics;

/// <summary>
/// Compares the process before an application opens its pool and ports with the process after it closed them:
/// every descriptor a port opened must be closed again. Start it once the logging and signal handling are set up
/// (the runtime opens descriptors for those lazily), and report after the ports and the pool are disposed.
/// </summary>
public sealed class ProcessAudit
{
    private ProcessAudit(ProcessSnapshot start) => Start = start;

    /// <summary>The process before the pool and ports.</summary>
    public ProcessSnapshot Start { get; }

    /// <summary>Takes the starting snapshot.</summary>
    public static ProcessAudit Begin() => new(ProcessSnapshot.Take());

    /// <summary>
    /// The exit line: <c>process audit: open fds N at start, N at exit; gc collections gen0 N, gen1 N, gen2 N; gc heap N bytes</c>,
    /// ending in <c>, N descriptor(s) leaked</c> when more are open than at the start.
    /// </summary>
    public string Report()
    {
        ProcessSnapshot end = ProcessSnapshot.Take();
        int leaked = end.OpenFiles - Start.OpenFiles;
        return string.Create(CultureInfo.InvariantCulture,
            $"process audit: open fds {Start.OpenFiles} at start, {end.OpenFiles} at exit{(leaked > 0 ? $", {leaked} descriptor(s) leaked" : "")}; gc collections gen0 {end.Gen0}, gen1 {end.Gen1}, gen2 {end.Gen2}; gc heap {end.HeapBytes} bytes");
    }
}
