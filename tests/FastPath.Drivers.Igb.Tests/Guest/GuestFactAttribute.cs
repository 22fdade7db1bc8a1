namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>A test that needs real igb NICs under VFIO: it runs in the QEMU guest and is skipped, with the reason, elsewhere.</summary>
public sealed class GuestFactAttribute : FactAttribute
{
    /// <inheritdoc />
    public override string? Skip
    {
        get => base.Skip ?? GuestEnvironment.SkipReason();
        set => base.Skip = value;
    }
}
