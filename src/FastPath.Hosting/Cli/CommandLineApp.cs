using System.CommandLine;
using System.Runtime;

namespace FastPath.Hosting.Cli;

/// <summary>
/// Runs an application's root command with the exit-code contract both applications share: 0 on success, 2 with one
/// line on standard error for bad input (a parse error or a <see cref="UsageException"/>), 1 for any other failure.
/// It also sets the run's GC latency mode to <see cref="GCLatencyMode.SustainedLowLatency"/>: should a collection
/// happen after all, a full one runs in the background rather than blocking the pollers (the README's GC section).
/// </summary>
public static class CommandLineApp
{
    /// <summary>The exit code for bad input.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Parses <paramref name="args"/> and invokes <paramref name="root"/>'s action.</summary>
    public static int Run(string appName, RootCommand root, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            Console.Error.WriteLine($"{appName}: {result.Errors[0].Message} (see {appName} --help)");
            return UsageExitCode;
        }

        try
        {
            return result.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException exception)
        {
            Console.Error.WriteLine($"{appName}: {ErrorText.OneLine(exception)}");
            return UsageExitCode;
        }
    }
}
