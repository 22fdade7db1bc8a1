using System.IO.Compression;
using System.Xml.Linq;

namespace FastPath.Packaging.Tests;

/// <summary>Every library under src/ packs into a .nupkg with its README, XML docs and license, plus a .snupkg.</summary>
[Collection(PackagesCollection.Name)]
public class PackageContentTests(PackedFeed feed)
{
    [Fact]
    public void Every_src_project_packs()
    {
        Assert.True(feed.PackResult.ExitCode == 0, feed.PackResult.ToString());
        Assert.NotEmpty(feed.Projects);
        Assert.All(feed.Projects, id => Assert.True(File.Exists(feed.PackagePath(id)), $"no {Path.GetFileName(feed.PackagePath(id))}:\n{feed.PackResult}"));
    }

    [Fact]
    public void Every_package_holds_its_readme_docs_license_and_symbols()
    {
        Assert.True(feed.PackResult.ExitCode == 0, feed.PackResult.ToString());
        var problems = feed.Projects.SelectMany(Problems).ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private IEnumerable<string> Problems(string id)
    {
        string nupkg = feed.PackagePath(id);
        if (!File.Exists(nupkg))
        {
            yield return $"{id}: no {nupkg}";
            yield break;
        }

        using ZipArchive archive = ZipFile.OpenRead(nupkg);
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (string expected in new[] { "README.md", $"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml", $"{id}.nuspec" })
        {
            if (!entries.Contains(expected))
            {
                yield return $"{id}: the package lacks {expected} (it has {string.Join(", ", entries.Order())})";
            }
        }

        if (archive.GetEntry($"{id}.nuspec") is { } nuspecEntry)
        {
            using Stream stream = nuspecEntry.Open();
            XElement metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Value(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            XElement? license = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "license");

            if (license == null || (string?)license.Attribute("type") != "expression" || license.Value != "MIT")
            {
                yield return $"{id}: the nuspec has no <license type=\"expression\">MIT</license> ({license})";
            }

            if (Value("readme") != "README.md")
            {
                yield return $"{id}: the nuspec names readme '{Value("readme")}', not README.md";
            }

            if (Value("id") != id || Value("version") != feed.Version)
            {
                yield return $"{id}: the nuspec says {Value("id")} {Value("version")}, not {id} {feed.Version}";
            }

            if (string.IsNullOrWhiteSpace(Value("description")) || Value("description") == "Package Description")
            {
                yield return $"{id}: the project sets no <Description>";
            }
        }

        if (!File.Exists(feed.SymbolPackagePath(id)))
        {
            yield return $"{id}: no symbol package {Path.GetFileName(feed.SymbolPackagePath(id))}";
        }
    }
}
