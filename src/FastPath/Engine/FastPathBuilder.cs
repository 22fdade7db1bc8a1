using FastPath.Ports.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace FastPath.Engine;

/// <summary>Collects the driver registrations that the engine's <see cref="PortRegistry"/> is built with.</summary>
internal sealed class FastPathBuilder(IServiceCollection services) : IFastPathBuilder
{
    public IServiceCollection Services { get; } = services;

    public IFastPathBuilder AddPortDrivers(Action<PortRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        Services.AddSingleton(new PortDriverRegistration(register));
        return this;
    }
}
