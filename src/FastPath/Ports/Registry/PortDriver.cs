using FastPath.Ports;

namespace FastPath.Ports.Registry;

/// <summary>
/// How to open one kind of port from its spec. The virtual kinds come from FastPath.Ports.Virtual;
/// driver assemblies (VFIO PCI NICs, simulated NICs) describe theirs the same way and register them with
/// <see cref="PortRegistry.Register"/>.
/// </summary>
public sealed record PortDriver
{
    /// <summary>The kind, the spec's text before the first colon: <c>af_packet</c>, <c>pci</c>, <c>sim</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The spec syntax for help and errors, e.g. <c>af_packet:IFACE[:queues=N]</c>.</summary>
    public required string Syntax { get; init; }

    /// <summary>What the port is, one line for <c>--help</c>.</summary>
    public required string Description { get; init; }

    /// <summary>What the target names ("interface name", "PCI address"), or null when the kind takes no target.</summary>
    public string? TargetName { get; init; }

    /// <summary>The <c>name=value</c> options the kind accepts.</summary>
    public IReadOnlySet<string> Options { get; init; } = new HashSet<string>();

    /// <summary>The bare-word flags the kind accepts.</summary>
    public IReadOnlySet<string> Flags { get; init; } = new HashSet<string>();

    /// <summary>
    /// Opens the port. Throws <see cref="UsageException"/> when the spec names something that is not there (an
    /// interface, a file, a device), with the cause and the fix.
    /// </summary>
    public required Func<PortSpec, PortOpenContext, IPort> Open { get; init; }
}
