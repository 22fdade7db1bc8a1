using Microsoft.Extensions.Logging;

namespace FastPath.Hosting.Cli;

/// <summary>The applications' logging: one line per message on standard error, so standard output carries only statistics.</summary>
public static class AppLogging
{
    /// <summary>Creates the logger factory; dispose it to flush the last messages.</summary>
    public static ILoggerFactory Create(LogLevel minimumLevel) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimumLevel)
            .AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss ";
            })
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
}
