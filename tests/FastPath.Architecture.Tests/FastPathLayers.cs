namespace FastPath.Architecture.Tests;

/// <summary>The layers of FastPath, lowest first. A new project goes here, or the architecture test fails.</summary>
public static class FastPathLayers
{
    private const string CommandLine = "System.CommandLine";

    public static LayerMap Map { get; } = new(
        [
            new Layer(1, "Linux primitives", ["FastPath.Linux"]) { ForbiddenPackages = [CommandLine] },
            new Layer(2, "memory", ["FastPath.Mempool"]) { ForbiddenPackages = [CommandLine] },
            new Layer(3, "VFIO and PCI", ["FastPath.Vfio"]) { ForbiddenPackages = [CommandLine] },
            new Layer(4, "engine core", ["FastPath"]) { ForbiddenPackages = [CommandLine] },
            new Layer(5, "drivers and virtual ports",
                [
                    "FastPath.Drivers.Intel", "FastPath.Drivers.Igb", "FastPath.Drivers.Ixgbe",
                    "FastPath.Drivers.Ixgbe.Model", "FastPath.Ports.Virtual",
                ]) { ForbiddenPackages = [CommandLine] },
            new Layer(6, "traffic", ["FastPath.Traffic"]) { ForbiddenPackages = [CommandLine] },
            new Layer(7, "CLI hosting", ["FastPath.Hosting"]),
            new Layer(8, "applications and samples", ["apps/*", "samples/l3router/L3Router"]),
            new Layer(9, "tests and benchmarks", ["tests/*", "bench/*", "samples/l3router/L3Router.Tests", "samples/l3router/L3Router.Benchmarks"]) { ReferencesAnything = true },
        ],
        [
            ("FastPath.Drivers.Igb", "FastPath.Drivers.Intel"),
            ("FastPath.Drivers.Ixgbe", "FastPath.Drivers.Intel"),
            ("FastPath.Drivers.Ixgbe.Model", "FastPath.Drivers.Ixgbe"),
            ("FastPath.Drivers.Ixgbe.Model", "FastPath.Drivers.Intel"),
        ]);
}
