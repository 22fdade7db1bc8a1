namespace FastPath.Architecture.Tests;

/// <summary>The rules, applied to the repository these tests run from.</summary>
public class RepositoryArchitectureTests
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void Project_references_follow_the_layers()
    {
        IReadOnlyList<string> violations = LayerRules.Check(ProjectGraphReader.Read(Root), FastPathLayers.Map);

        Assert.True(violations.Count == 0, Report("layer violations", violations));
    }

    [Fact]
    public void No_type_is_named_like_its_namespace()
    {
        IReadOnlyList<string> violations = TypeNamespaceRule.CheckRepository(Root);

        Assert.True(violations.Count == 0, Report("types named like their namespace", violations));
    }

    [Fact]
    public void The_graph_reader_sees_the_repository()
    {
        ProjectGraph graph = ProjectGraphReader.Read(Root);

        Assert.Contains(graph.Projects, p => p.Folder == "src/FastPath.Mempool" && p.Name == "FastPath.Mempool");
        Assert.Contains(graph.Projects, p => p.Folder == "tests/FastPath.Architecture.Tests");
        Assert.DoesNotContain(graph.Projects, p => p.Folder.Contains("/obj", StringComparison.Ordinal) || p.Folder.Contains("/bin", StringComparison.Ordinal));
        Assert.All(graph.Projects.Where(p => p.Folder.StartsWith("src/", StringComparison.Ordinal)), p => Assert.DoesNotContain("FastPath.Architecture.Tests", p.ProjectReferences));
    }

    private static string Report(string what, IReadOnlyList<string> violations) =>
        $"{violations.Count} {what}:{Environment.NewLine}{string.Join(Environment.NewLine, violations.Select(v => "  " + v))}";
}
