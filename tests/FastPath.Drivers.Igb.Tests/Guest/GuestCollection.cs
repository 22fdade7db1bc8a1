namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>Guest tests share the NICs (a VFIO group opens once per process), so they run one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GuestCollection
{
    public const string Name = "Guest igb NICs";
}
