namespace FastPath.Architecture.Tests;

/// <summary>
/// No type is named like a segment of its namespace: <c>FastPath.Mempool.Pools.Mempool</c> forces every user to
/// write <c>Mempool.Pools.Mempool</c> or an alias, because inside <c>FastPath</c> the name means the namespace.
/// </summary>
public static class TypeNamespaceRule
{
    /// <summary>The violations of one file; <paramref name="file"/> only names it in the messages.</summary>
    public static IEnumerable<string> Check(string file, string source) =>
        TopLevelTypes.In(source)
            .Where(type => type.Namespace.Split('.').Contains(type.Name, StringComparer.Ordinal))
            .Select(type => $"{file}: {type} — the type {type.Name} has the name of a segment of its namespace {type.Namespace}: rename it");

    /// <summary>The violations of every .cs file under <c>src/</c> (outside bin and obj).</summary>
    public static IReadOnlyList<string> CheckRepository(string repositoryRoot) =>
        RepositoryRoot.SourceFiles(Path.Combine(repositoryRoot, "src"), "*.cs")
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(file => Check(RepositoryRoot.Relative(repositoryRoot, file), File.ReadAllText(file)))
            .ToList();
}
