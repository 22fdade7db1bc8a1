namespace FastPath.Packaging.Tests;

/// <summary>
/// <c>fastpath-devbind</c> is a .NET tool: apps/devbind packs into a tool package, <c>dotnet tool install</c> puts it
/// in a tool path from a local folder feed, and the installed command runs <c>check</c>.
/// </summary>
public sealed class DevbindToolTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly string _work = Directory.CreateTempSubdirectory("fastpath-devbind-tool-").FullName;

    [Fact]
    public void Devbind_packs_as_a_tool_installs_into_a_tool_path_and_runs_check()
    {
        string root = RepositoryRoot();
        string feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        string tools = Path.Combine(_work, "tools");
        string version = $"0.0.0-test.{DateTime.UtcNow.Ticks}";

        ProcessResult pack = ProcessRunner.Dotnet(_work, Timeout,
            "pack", Path.Combine(root, "apps", "devbind", "devbind.csproj"), "-c", "Release", "-o", feed, $"-p:FastPathVersion={version}", "-nologo");
        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.True(File.Exists(Path.Combine(feed, $"FastPath.Devbind.{version}.nupkg")), $"no FastPath.Devbind.{version}.nupkg in {feed}: {pack}");

        ProcessResult install = ProcessRunner.Dotnet(_work, Timeout,
            "tool", "install", "--tool-path", tools, "--add-source", feed, "--version", version, "FastPath.Devbind");
        Assert.True(install.ExitCode == 0, install.ToString());
        string command = Path.Combine(tools, "fastpath-devbind");
        Assert.True(File.Exists(command), $"no {command} after the install: {install}");

        ProcessResult check = ProcessRunner.Run(command, _work, Timeout, "check");

        // check exits 0 when VFIO is ready and 1 when a check fails (no IOMMU on a CI runner); anything else (a crash,
        // a missing runtime, bad arguments) is a broken tool.
        Assert.True(check.ExitCode is 0 or 1, check.ToString());
        Assert.Contains("RLIMIT_MEMLOCK", check.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"(VFIO is ready\.|\d+ check\(s\) failed\.)", check.StandardOutput);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }

    private static string RepositoryRoot()
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
