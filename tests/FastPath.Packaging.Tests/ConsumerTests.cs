namespace FastPath.Packaging.Tests;

/// <summary>
/// A fresh console project outside the repository, restored from the local feed (and nuget.org for third-party
/// dependencies) with package references only, builds and runs <c>ConsumerTemplate/Program.cs.txt</c>.
/// </summary>
[Collection(PackagesCollection.Name)]
public class ConsumerTests(PackedFeed feed)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public void A_consumer_of_the_packages_builds_and_runs()
    {
        Assert.True(feed.PackResult.ExitCode == 0, feed.PackResult.ToString());
        string consumer = WriteConsumer();

        ProcessResult run = ProcessRunner.Dotnet(consumer, RunTimeout, "run", "-c", "Release", "-nologo");

        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ConsumerTemplate", "expected-output.txt")).Trim();
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.StandardOutput.Split('\n').Any(line => line.Trim() == expected), $"expected the line '{expected}'; {run}");
    }

    private string WriteConsumer()
    {
        string dir = Directory.CreateDirectory(Path.Combine(feed.WorkFolder, "consumer")).FullName;
        string userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        // Stop MSBuild's and NuGet's upward search here: the repository's central package management and build
        // settings must not apply (the folder is outside the repository anyway).
        foreach (string name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(dir, name), "<Project />\n");
        }

        // The local feed plus nuget.org (what restore reaches on this machine) for the third-party dependencies.
        // Packages restore into a folder of their own, so the test versions never land in the user's cache;
        // the user's cache serves as a read-only fallback for what it already holds.
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(feed.WorkFolder, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{feed.FeedFolder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
                <add key="user" value="{userPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);

        string references = string.Join(Environment.NewLine + "    ",
            feed.Projects.Select(id => $"""<PackageReference Include="{id}" Version="{feed.Version}" />"""));
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
              </PropertyGroup>
              <ItemGroup>
                {references}
              </ItemGroup>
            </Project>
            """);

        File.Copy(Path.Combine(AppContext.BaseDirectory, "ConsumerTemplate", "Program.cs.txt"), Path.Combine(dir, "Program.cs"), overwrite: true);
        return dir;
    }
}
