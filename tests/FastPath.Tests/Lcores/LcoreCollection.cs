namespace FastPath.Tests.Lcores;

/// <summary>
/// The test classes that launch lcore workers. An lcore id belongs to one live thread in the process, so two classes
/// running in parallel that launch the same id fail each other ("Lcore 0 is owned by thread …"): CoreListTests and
/// MeterTests both use lcore 0 and failed that way together. The collection runs them one class at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LcoreCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "lcore workers";
}
