using FastPath.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace L3Router;

/// <summary>Registers the router with a Generic Host: the FastPath engine, the virtual port drivers and the pipeline.</summary>
public static class RouterHost
{
    /// <summary>Adds the engine configured from <paramref name="configuration"/> and the <see cref="RouterPipeline"/>.</summary>
    public static IFastPathBuilder AddL3Router(this IServiceCollection services, RouterConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        RouterArguments arguments = configuration.Arguments;
        services.AddSingleton(configuration);
        return services.AddFastPath(o =>
        {
            foreach (string port in arguments.Ports)
                o.Ports.Add(port);
            foreach (int lcore in arguments.Lcores)
                o.Lcores.Add(lcore);
            o.QueuesPerPort = arguments.Queues;
            o.PoolSize = arguments.PoolSize;
            o.Hugepages = arguments.Hugepages;
            o.PinThreads = arguments.Pin;
        }).AddVirtualPorts().AddPipeline<RouterPipeline>();
    }

    /// <summary>Parses the command line, loads and checks the routes file: everything that can fail before a pool or port exists.</summary>
    /// <exception cref="RouterUsageException">The command line is wrong, or a route's port is not given.</exception>
    /// <exception cref="RoutesFileException">The routes file is missing or wrong.</exception>
    public static RouterConfiguration Configure(IReadOnlyList<string> args)
    {
        RouterArguments arguments = RouterArguments.Parse(args);
        if (arguments.Help)
            return new RouterConfiguration(arguments, RouteTable.Build([]));
        IReadOnlyList<Route> routes = RoutesFile.Load(arguments.RoutesPath);
        arguments.CheckRoutePorts(routes, arguments.RoutesPath);
        return new RouterConfiguration(arguments, RouteTable.Build(routes));
    }
}
