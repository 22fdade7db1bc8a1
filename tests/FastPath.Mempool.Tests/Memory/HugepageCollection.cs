namespace FastPath.Mempool.Tests.Memory;

/// <summary>Tests that change the machine-wide hugepage reservation, run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HugepageCollection
{
    public const string Name = "Hugepages";
}
