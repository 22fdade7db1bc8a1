using FastPath.Ports.Registry;

namespace FastPath.Hosting.Demo;

/// <summary>
/// The ports the demo runs over when they are not its built-in ring links: four specs opened through a
/// <see cref="PortRegistry"/>, as port ids 0 to 3 in this order. The generator's port must be linked to the forwarder's
/// input and the forwarder's output to the receiver's port, and the output link must hold more frames than the input
/// link plus a burst, so that the forwarder never finds it full.
/// </summary>
public sealed record DemoPorts
{
    /// <summary>The factory that opens the specs.</summary>
    public required PortRegistry Factory { get; init; }

    /// <summary>What the ports are, for the statistics rows, e.g. <c>sim:ixgbe</c>.</summary>
    public required string Label { get; init; }

    /// <summary>Port 0: l2fwd receives the generator's frames here.</summary>
    public required string ForwarderIn { get; init; }

    /// <summary>Port 1: l2fwd sends them on here.</summary>
    public required string ForwarderOut { get; init; }

    /// <summary>Port 2: the generator's, linked to <see cref="ForwarderIn"/>.</summary>
    public required string Generator { get; init; }

    /// <summary>Port 3: the receiver's, linked to <see cref="ForwarderOut"/>.</summary>
    public required string Receiver { get; init; }
}
