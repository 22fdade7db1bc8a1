using FastPath.Drivers.Ixgbe;
using FastPath.Engine;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds FastPath.Drivers.Ixgbe's port kinds to the FastPath engine.</summary>
public static class IxgbeFastPathBuilderExtensions
{
    /// <summary>Registers the ixgbe driver (Intel 82599) behind the pci: kind.</summary>
    public static IFastPathBuilder AddIxgbe(this IFastPathBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPortDrivers(IxgbePortDrivers.RegisterWith);
    }
}
