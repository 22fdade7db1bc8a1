using FastPath.Ports.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace FastPath.Engine;

/// <summary>What <c>AddFastPath</c> returns: register port drivers and the pipeline on it.</summary>
public interface IFastPathBuilder
{
    /// <summary>The service collection the engine is registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>Adds port drivers to the engine's registry (a driver package's <c>AddX()</c> calls this).</summary>
    IFastPathBuilder AddPortDrivers(Action<PortRegistry> register);
}
