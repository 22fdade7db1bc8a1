using FastPath;
using FastPath.Engine;
using L3Router;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// l3router: an IPv4 router appliance on the FastPath engine, hosted by the .NET Generic Host.
// Everything the user can get wrong (arguments, the routes file, a route's port) is checked here, before the host,
// the pool or any port exists; each mistake is ONE line on stderr and exit code 2.
RouterConfiguration configuration;
try
{
    configuration = RouterHost.Configure(args);
}
catch (Exception e) when (e is RouterUsageException or RoutesFileException)
{
    Console.Error.WriteLine($"l3router: {e.Message}");
    return 2;
}

RouterArguments arguments = configuration.Arguments;
if (arguments.Help)
{
    Console.Out.Write(RouterArguments.Usage);
    return 0;
}

// The command line is parsed above; the configuration gets none of it (its provider would read "--port" etc. too).
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ApplicationName = "l3router" });
builder.Services.AddSystemd();
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services.AddL3Router(configuration);

using IHost host = builder.Build();
FastPathEngine engine = host.Services.GetRequiredService<FastPathEngine>();
var pipeline = (RouterPipeline)host.Services.GetRequiredService<ILcorePipeline>();
try
{
    await host.StartAsync();
}
catch (UsageException e)
{
    // A port that cannot open, a core that is not allowed: the engine has closed what it opened.
    Console.Error.WriteLine($"l3router: {e.Message.ReplaceLineEndings(" ")}");
    return 2;
}

if (arguments.Duration > TimeSpan.Zero)
{
    IHostApplicationLifetime lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
    _ = Task.Delay(arguments.Duration, lifetime.ApplicationStopping).ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
}

int exitCode = 0;
try
{
    // Returns once SIGTERM, Ctrl+C, systemd's stop or the duration has stopped the host (engine stop + pool audit).
    await host.WaitForShutdownAsync();
}
catch (Exception e)
{
    Console.Error.WriteLine($"l3router: stopping failed: {e.Message.ReplaceLineEndings(" ")}");
    exitCode = 1;
}

Console.Out.Write(RouterSummary.Format(arguments.Ports, pipeline.Total(), engine.LastAudit?.Lines));
Console.Out.Flush();
return exitCode != 0 || engine.LastAudit?.AllReturned != true ? 1 : 0;
