using System.Xml.Linq;

namespace FastPath.Architecture.Tests;

/// <summary>Reads the project graph from the .csproj files of a repository: ProjectReference and PackageReference items.</summary>
public static class ProjectGraphReader
{
    public static ProjectGraph Read(string repositoryRoot) =>
        new(RepositoryRoot.SourceFiles(repositoryRoot, "*.csproj").Select(file => ReadProject(repositoryRoot, file)));

    public static ProjectNode ReadProject(string repositoryRoot, string csproj)
    {
        XDocument document = XDocument.Load(csproj);
        string projectDir = Path.GetDirectoryName(csproj)!;

        List<string> references = Items(document, "ProjectReference")
            .Select(include => Path.GetFullPath(Path.Combine(projectDir, include.Replace('\\', '/'))))
            .Select(target => RepositoryRoot.Relative(repositoryRoot, Path.GetDirectoryName(target)!))
            .ToList();
        List<string> packages = Items(document, "PackageReference").ToList();

        return new ProjectNode(RepositoryRoot.Relative(repositoryRoot, projectDir), Path.GetFileNameWithoutExtension(csproj), references, packages);
    }

    private static IEnumerable<string> Items(XDocument document, string itemType) =>
        document.Descendants()
            .Where(e => e.Name.LocalName == itemType)
            .Select(e => (string?)e.Attribute("Include"))
            .Where(include => !string.IsNullOrWhiteSpace(include))
            .Select(include => include!.Trim());
}
