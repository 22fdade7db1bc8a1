using System.Diagnostics.CodeAnalysis;
using FastPath.Engine;
using FastPath.Metrics;
using FastPath.Ports.Registry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the FastPath engine with a host's services.</summary>
public static class FastPathServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine: <see cref="FastPathOptions"/> through the Options pattern, the port registry (fill it with the
    /// driver packages' <c>AddX()</c> or <see cref="IFastPathBuilder.AddPortDrivers"/>), the FastPath meter, the
    /// <see cref="FastPathEngine"/> and a hosted service that runs it for the host's lifetime.
    /// </summary>
    public static IFastPathBuilder AddFastPath(this IServiceCollection services, Action<FastPathOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<FastPathOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(provider =>
        {
            var registry = new PortRegistry();
            foreach (PortDriverRegistration registration in provider.GetServices<PortDriverRegistration>())
            {
                registration.Register(registry);
            }

            return registry;
        });
        services.TryAddSingleton<FastPathMeter>();
        services.TryAddSingleton<FastPathEngine>();
        services.AddHostedService<FastPathHostedService>();
        return new FastPathBuilder(services);
    }

    /// <summary>Registers the pipeline the engine runs on its lcores.</summary>
    public static IFastPathBuilder AddPipeline<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TPipeline>(this IFastPathBuilder builder)
        where TPipeline : class, ILcorePipeline
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ILcorePipeline, TPipeline>();
        return builder;
    }
}
