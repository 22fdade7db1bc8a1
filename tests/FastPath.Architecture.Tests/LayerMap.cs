namespace FastPath.Architecture.Tests;

/// <summary>
/// One layer: its number (1 is the lowest), a name for messages, and which projects it holds. A pattern with a slash
/// matches the project's folder, with <c>*</c> for one path segment (<c>apps/*</c>); a pattern without one matches a
/// project under <c>src/</c> by name (<c>FastPath.Mempool</c>).
/// </summary>
public sealed record Layer(int Number, string Name, IReadOnlyList<string> Projects)
{
    /// <summary>Packages no project of this layer may reference.</summary>
    public IReadOnlyList<string> ForbiddenPackages { get; init; } = [];

    /// <summary>Whether this layer's projects may reference anything (tests, benchmarks).</summary>
    public bool ReferencesAnything { get; init; }

    public bool Holds(ProjectNode project) => Projects.Any(pattern => Matches(pattern, project));

    public override string ToString() => $"layer {Number}";

    private static bool Matches(string pattern, ProjectNode project)
    {
        if (!pattern.Contains('/'))
        {
            return project.Folder.StartsWith("src/", StringComparison.Ordinal) && project.Name == pattern;
        }

        string[] want = pattern.Split('/');
        string[] have = project.Folder.Split('/');
        return want.Length == have.Length && want.Zip(have).All(pair => pair.First == "*" || pair.First == pair.Second);
    }
}

/// <summary>
/// The layers of a repository, lowest first, and the references allowed between two projects of the same layer
/// (by project name). A reference may point to a lower layer, or sideways along an allowed peer edge; never up.
/// </summary>
public sealed record LayerMap(IReadOnlyList<Layer> Layers, IReadOnlyList<(string From, string To)> PeerEdges)
{
    public Layer? LayerOf(ProjectNode project) => Layers.FirstOrDefault(layer => layer.Holds(project));

    public bool IsAllowedPeerEdge(ProjectNode from, ProjectNode to) => PeerEdges.Contains((from.Name, to.Name));
}
