namespace FastPath.Architecture.Tests;

/// <summary>One project: where it is (the folder relative to the repository, e.g. <c>src/FastPath.Mempool</c>), its
/// name (the .csproj file name), the projects it references (by their folders) and the packages it references.</summary>
public sealed record ProjectNode(string Folder, string Name, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> Packages)
{
    public override string ToString() => Folder;
}

/// <summary>The projects of a repository and their references.</summary>
public sealed class ProjectGraph
{
    private readonly Dictionary<string, ProjectNode> _byFolder;

    public ProjectGraph(IEnumerable<ProjectNode> projects)
    {
        _byFolder = projects.ToDictionary(p => p.Folder, StringComparer.Ordinal);
    }

    public IEnumerable<ProjectNode> Projects => _byFolder.Values.OrderBy(p => p.Folder, StringComparer.Ordinal);

    public ProjectNode? Find(string folder) => _byFolder.GetValueOrDefault(folder);

    /// <summary>Builds a graph in memory: <c>("src/A", ["src/B"], ["Some.Package"])</c>; the name is the folder's last segment.</summary>
    public static ProjectGraph Of(params (string Folder, string[] References, string[] Packages)[] projects) =>
        new(projects.Select(p => new ProjectNode(p.Folder, p.Folder[(p.Folder.LastIndexOf('/') + 1)..], p.References, p.Packages)));
}
