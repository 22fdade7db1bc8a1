namespace FastPath.Architecture.Tests;

/// <summary>The layer rules on small graphs built in memory, so they are known to catch what they should.</summary>
public class LayerRulesTests
{
    private static readonly string[] None = [];

    /// <summary>A correct miniature of the target layout; each test adds one edge or package to it.</summary>
    private static (string, string[], string[])[] Baseline() =>
    [
        ("src/FastPath.Linux", None, None),
        ("src/FastPath.Mempool", ["src/FastPath.Linux"], None),
        ("src/FastPath.Vfio", ["src/FastPath.Mempool"], None),
        ("src/FastPath", ["src/FastPath.Mempool"], ["Microsoft.Extensions.Logging.Abstractions"]),
        ("src/FastPath.Drivers.Intel", ["src/FastPath", "src/FastPath.Vfio"], None),
        ("src/FastPath.Drivers.Igb", ["src/FastPath.Drivers.Intel"], None),
        ("src/FastPath.Drivers.Ixgbe", ["src/FastPath.Drivers.Intel"], None),
        ("src/FastPath.Drivers.Ixgbe.Model", ["src/FastPath.Drivers.Ixgbe", "src/FastPath.Drivers.Intel"], None),
        ("src/FastPath.Ports.Virtual", ["src/FastPath"], None),
        ("src/FastPath.Traffic", ["src/FastPath"], None),
        ("src/FastPath.Hosting", ["src/FastPath.Traffic", "src/FastPath.Ports.Virtual", "src/FastPath.Drivers.Igb"], ["System.CommandLine"]),
        ("apps/l2fwd", ["src/FastPath.Hosting", "src/FastPath.Drivers.Ixgbe.Model"], ["System.CommandLine"]),
        ("tests/FastPath.Hosting.Tests", ["src/FastPath.Hosting", "apps/l2fwd"], None),
    ];

    private static IReadOnlyList<string> CheckWith(string from, string? reference = null, string? package = null)
    {
        var projects = Baseline().Select(p => p.Item1 != from
            ? p
            : (p.Item1, reference == null ? p.Item2 : [.. p.Item2, reference], package == null ? p.Item3 : [.. p.Item3, package]));
        return LayerRules.Check(ProjectGraph.Of([.. projects]), FastPathLayers.Map);
    }

    /// <summary>The violation is reported; anything else reported is the cycle the added edge closes.</summary>
    private static void AssertCaught(string expected, IReadOnlyList<string> violations)
    {
        Assert.Contains(expected, violations);
        Assert.All(violations.Where(v => v != expected), v => Assert.StartsWith("reference cycle: ", v));
    }

    [Fact]
    public void The_baseline_passes_with_its_allowed_peer_edges() => Assert.Empty(CheckWith("src/FastPath"));

    [Fact]
    public void A_driver_referencing_hosting_is_caught()
    {
        AssertCaught(
            "src/FastPath.Drivers.Igb references FastPath.Hosting (layer 7) from layer 5: references must point down",
            CheckWith("src/FastPath.Drivers.Igb", reference: "src/FastPath.Hosting"));
    }

    [Fact]
    public void Virtual_ports_referencing_a_driver_is_caught()
    {
        string violation = Assert.Single(CheckWith("src/FastPath.Ports.Virtual", reference: "src/FastPath.Drivers.Intel"));
        Assert.Contains("src/FastPath.Ports.Virtual references FastPath.Drivers.Intel, a peer in layer 5", violation);
    }

    [Fact]
    public void A_driver_referencing_the_model_is_caught()
    {
        IReadOnlyList<string> violations = CheckWith("src/FastPath.Drivers.Ixgbe", reference: "src/FastPath.Drivers.Ixgbe.Model");
        Assert.Contains(violations, v => v.StartsWith("src/FastPath.Drivers.Ixgbe references FastPath.Drivers.Ixgbe.Model, a peer", StringComparison.Ordinal));
    }

    [Fact]
    public void The_core_referencing_traffic_is_caught()
    {
        AssertCaught(
            "src/FastPath references FastPath.Traffic (layer 6) from layer 4: references must point down",
            CheckWith("src/FastPath", reference: "src/FastPath.Traffic"));
    }

    [Fact]
    public void Mempool_referencing_System_CommandLine_is_caught()
    {
        string violation = Assert.Single(CheckWith("src/FastPath.Mempool", package: "System.CommandLine"));
        Assert.Equal("src/FastPath.Mempool references package System.CommandLine, which layer 2 (memory) must not use", violation);
    }

    [Fact]
    public void A_cycle_is_caught()
    {
        IReadOnlyList<string> violations = CheckWith("src/FastPath.Drivers.Intel", reference: "src/FastPath.Drivers.Igb");

        Assert.Contains(violations, v => v.Contains("src/FastPath.Drivers.Intel references FastPath.Drivers.Igb, a peer", StringComparison.Ordinal));
        Assert.Contains("reference cycle: src/FastPath.Drivers.Igb -> src/FastPath.Drivers.Intel -> src/FastPath.Drivers.Igb", violations);
    }

    [Fact]
    public void A_cycle_within_allowed_edges_alone_is_still_caught()
    {
        var map = FastPathLayers.Map with { PeerEdges = [.. FastPathLayers.Map.PeerEdges, ("FastPath.Drivers.Intel", "FastPath.Drivers.Igb")] };
        ProjectGraph graph = ProjectGraph.Of(
            ("src/FastPath.Drivers.Intel", ["src/FastPath.Drivers.Igb"], None),
            ("src/FastPath.Drivers.Igb", ["src/FastPath.Drivers.Intel"], None));

        string violation = Assert.Single(LayerRules.Check(graph, map));
        Assert.StartsWith("reference cycle: ", violation);
    }

    [Theory]
    [InlineData("src/FastPath.Drivers.Igb", "src/FastPath.Drivers.Intel")]
    [InlineData("src/FastPath.Drivers.Ixgbe.Model", "src/FastPath.Drivers.Ixgbe")]
    [InlineData("src/FastPath.Hosting", "src/FastPath.Traffic")]
    [InlineData("apps/l2fwd", "src/FastPath.Linux")]
    [InlineData("tests/FastPath.Hosting.Tests", "apps/l2fwd")]
    public void Allowed_edges_pass(string from, string to)
    {
        Assert.Empty(CheckWith(from, reference: to));
    }

    [Fact]
    public void An_unknown_project_must_be_added_to_the_map()
    {
        ProjectGraph graph = ProjectGraph.Of(("src/FastPath.Experimental", ["src/FastPath"], None), ("src/FastPath", None, None));

        string violation = Assert.Single(LayerRules.Check(graph, FastPathLayers.Map));
        Assert.Equal("src/FastPath.Experimental (FastPath.Experimental) is in no layer: add it to the layer map", violation);
    }

    [Fact]
    public void A_reference_to_a_missing_project_is_caught()
    {
        string violation = Assert.Single(CheckWith("src/FastPath", reference: "src/FastPath.Gone"));
        Assert.Equal("src/FastPath references src/FastPath.Gone, which is not a project of the repository", violation);
    }

    [Fact]
    public void Packages_are_allowed_in_hosting_and_apps() => Assert.Empty(CheckWith("apps/l2fwd", package: "System.CommandLine"));
}
