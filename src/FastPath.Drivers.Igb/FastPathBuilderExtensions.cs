using FastPath.Drivers.Igb;
using FastPath.Engine;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds FastPath.Drivers.Igb's port kinds to the FastPath engine.</summary>
public static class IgbFastPathBuilderExtensions
{
    /// <summary>Registers the igb driver (Intel 82576, I350) behind the pci: kind.</summary>
    public static IFastPathBuilder AddIgb(this IFastPathBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPortDrivers(IgbPortDrivers.RegisterWith);
    }
}
