namespace FastPath.Apps.Tests;

/// <summary>
/// The signal storm reserves hugepages and counts HugePages_Free, so it runs alone: after the assembly's parallel
/// tests, with <see cref="FastPath.Testing.HugepageLock"/> held exclusively against other assemblies.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SignalStormCollection
{
    public const string Name = "Signal storm";
}
