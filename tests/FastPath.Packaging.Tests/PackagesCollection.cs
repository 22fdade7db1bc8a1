namespace FastPath.Packaging.Tests;

/// <summary>The test classes that share one <see cref="PackedFeed"/>: the libraries are packed once per run.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packages";
}
