namespace FastPath.Architecture.Tests;

/// <summary>The reader on a temporary folder of .csproj files.</summary>
public sealed class ProjectGraphReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fastpath-arch-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Reads_project_and_package_references_and_skips_obj_and_bin()
    {
        Write("src/FastPath.Drivers.Igb/FastPath.Drivers.Igb.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="..\FastPath.Hosting\FastPath.Hosting.csproj" />
                <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" />
              </ItemGroup>
            </Project>
            """);
        Write("src/FastPath.Hosting/FastPath.Hosting.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup><PackageReference Include="System.CommandLine" /></ItemGroup>
            </Project>
            """);
        Write("src/FastPath.Hosting/obj/Stale.csproj", "<Project />");
        Write("src/FastPath.Hosting/bin/Stale.csproj", "<Project />");

        ProjectGraph graph = ProjectGraphReader.Read(_root);

        Assert.Equal(["src/FastPath.Drivers.Igb", "src/FastPath.Hosting"], graph.Projects.Select(p => p.Folder));
        ProjectNode igb = graph.Find("src/FastPath.Drivers.Igb")!;
        Assert.Equal(["src/FastPath.Hosting"], igb.ProjectReferences);
        Assert.Equal(["Microsoft.Extensions.Logging.Abstractions"], igb.Packages);
        string violation = Assert.Single(LayerRules.Check(graph, FastPathLayers.Map));
        Assert.Equal("src/FastPath.Drivers.Igb references FastPath.Hosting (layer 7) from layer 5: references must point down", violation);
    }

    private void Write(string relative, string content)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
