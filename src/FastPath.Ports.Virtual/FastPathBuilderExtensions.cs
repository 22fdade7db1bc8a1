using FastPath.Engine;
using FastPath.Ports.Virtual;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds FastPath.Ports.Virtual's port kinds to the FastPath engine.</summary>
public static class VirtualPortsFastPathBuilderExtensions
{
    /// <summary>Registers the virtual port kinds: null, ring, af_packet, af_xdp, pcap and pcap-out.</summary>
    public static IFastPathBuilder AddVirtualPorts(this IFastPathBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPortDrivers(VirtualPortDrivers.RegisterWith);
    }
}
