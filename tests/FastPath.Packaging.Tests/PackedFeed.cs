namespace FastPath.Packaging.Tests;

/// <summary>
/// Packs every library under src/ once per test run, with a version of its own (<c>0.0.0-test.TICKS</c>), into a
/// local folder feed outside the repository; deleted when the tests end.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(6);

    public PackedFeed()
    {
        RepositoryRoot = FindRepositoryRoot();
        Projects = Directory.GetDirectories(Path.Combine(RepositoryRoot, "src"))
            .SelectMany(dir => Directory.GetFiles(dir, "*.csproj"))
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)
            .ToList()!;
        Version = $"0.0.0-test.{DateTime.UtcNow.Ticks}";
        WorkFolder = Directory.CreateTempSubdirectory("fastpath-packaging-").FullName;
        FeedFolder = Directory.CreateDirectory(Path.Combine(WorkFolder, "feed")).FullName;

        // One pack over a throwaway solution of all the libraries: each is built once, not once per dependent.
        string solution = Path.Combine(WorkFolder, "pack.slnx");
        File.WriteAllLines(solution,
        [
            "<Solution>",
            .. Directory.GetDirectories(Path.Combine(RepositoryRoot, "src")).SelectMany(dir => Directory.GetFiles(dir, "*.csproj"))
                .Select(csproj => $"  <Project Path=\"{csproj}\" />"),
            "</Solution>",
        ]);
        PackResult = ProcessRunner.Dotnet(WorkFolder, PackTimeout,
            "pack", solution, "-c", "Release", "-o", FeedFolder, $"-p:FastPathVersion={Version}", "-nologo");
    }

    public string RepositoryRoot { get; }

    /// <summary>The names of the src projects, which are also their package ids.</summary>
    public IReadOnlyList<string> Projects { get; }

    public string Version { get; }

    /// <summary>A temporary folder outside the repository that holds the feed and the consumer.</summary>
    public string WorkFolder { get; }

    public string FeedFolder { get; }

    public ProcessResult PackResult { get; }

    public string PackagePath(string id) => Path.Combine(FeedFolder, $"{id}.{Version}.nupkg");

    public string SymbolPackagePath(string id) => Path.Combine(FeedFolder, $"{id}.{Version}.snupkg");

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkFolder, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FastPath.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds FastPath.slnx.");
    }
}
