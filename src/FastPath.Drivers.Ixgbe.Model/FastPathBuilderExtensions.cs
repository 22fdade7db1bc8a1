using FastPath.Engine;
using FastPath.Drivers.Ixgbe.Model.Ports;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds FastPath.Drivers.Ixgbe.Model's port kinds to the FastPath engine.</summary>
public static class SimulatedIxgbeFastPathBuilderExtensions
{
    /// <summary>Registers the sim:ixgbe kind: cabled pairs of simulated 82599s driven by the real ixgbe driver.</summary>
    public static IFastPathBuilder AddSimulatedIxgbe(this IFastPathBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPortDrivers(SimulatedIxgbePortDrivers.RegisterWith);
    }
}
