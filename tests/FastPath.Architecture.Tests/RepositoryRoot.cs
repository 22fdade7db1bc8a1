namespace FastPath.Architecture.Tests;

/// <summary>Finds the repository the tests run from: the nearest folder above the test assembly with FastPath.slnx.</summary>
internal static class RepositoryRoot
{
    public const string SolutionFile = "FastPath.slnx";

    public static string Find(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {start ?? AppContext.BaseDirectory} holds {SolutionFile}.");
    }

    /// <summary>Every file under <paramref name="root"/> matching <paramref name="pattern"/>, outside bin, obj and hidden folders.</summary>
    public static IEnumerable<string> SourceFiles(string root, string pattern)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (string file in Directory.EnumerateFiles(root, pattern))
        {
            yield return file;
        }

        foreach (string dir in Directory.EnumerateDirectories(root))
        {
            string name = Path.GetFileName(dir);
            if (name is "bin" or "obj" or "artifacts" or "node_modules" || name.StartsWith('.'))
            {
                continue;
            }

            foreach (string file in SourceFiles(dir, pattern))
            {
                yield return file;
            }
        }
    }

    /// <summary>A path relative to the repository, with forward slashes.</summary>
    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
